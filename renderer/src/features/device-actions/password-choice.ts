/** The choice that turns authentication off. */
export const NO_PASSWORD = 'disable';

/** The step a choice stands for ('' = nothing chosen yet). */
export function credentialSetIdOf(choice: string): string | null {
  return choice === NO_PASSWORD ? null : choice;
}
