import { hostname } from 'node:os';
import { OperatorNameSchema, type SessionInfo } from '../../../shared/domain/audit';
import { DomainError } from '../errors';
import type { SettingsRepository } from '../storage/repositories/settings-repository';

const LAST_OPERATOR_KEY = 'session.lastOperator';

export interface OperatorSessionOptions {
  settings: Pick<SettingsRepository, 'read' | 'write'>;
  /** Default: os.hostname(). */
  host?: string;
  /** The session's operator from the start (headless `--operator`). */
  operator?: string;
}

/**
 * Who works in this session of the app (asked once per start; the headless host may be given it). The last
 * name given is kept in settings so the next session's question is prefilled.
 */
export class OperatorSession {
  private current: string | null = null;
  readonly host: string;

  constructor(private readonly options: OperatorSessionOptions) {
    this.host = options.host ?? hostname();
    if (options.operator !== undefined) this.setOperator(options.operator);
  }

  operator(): string | null {
    return this.current;
  }

  info(): SessionInfo {
    return { operator: this.current, lastOperator: this.lastOperator(), host: this.host };
  }

  /** Trims the name; INVALID_INPUT for an empty or too long one. */
  setOperator(name: string): SessionInfo {
    const parsed = OperatorNameSchema.safeParse(name);
    if (!parsed.success)
      throw new DomainError(
        'INVALID_INPUT',
        `operator name: ${parsed.error.issues[0]?.message ?? 'not valid'}`,
      );
    this.current = parsed.data;
    this.options.settings.write(LAST_OPERATOR_KEY, parsed.data);
    return this.info();
  }

  private lastOperator(): string | null {
    return this.options.settings.read<string | null>(LAST_OPERATOR_KEY, null, (v) =>
      typeof v === 'string' && v.length > 0 ? v : null,
    );
  }
}
