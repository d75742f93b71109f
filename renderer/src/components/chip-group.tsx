interface ChipGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
  /** What each option says (default: the value itself). */
  labelOf?: (value: T) => string;
}

/** A multiple choice shown as toggle chips (checkboxes under one legend). */
export function ChipGroup<T extends string>({
  legend,
  options,
  chosen,
  onChange,
  labelOf = (value) => value,
}: ChipGroupProps<T>) {
  const toggle = (value: T) =>
    onChange(chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value]);
  return (
    <fieldset className="chips">
      <legend>{legend}</legend>
      {options.map((value) => (
        <label key={value} className="chip">
          <input type="checkbox" checked={chosen.includes(value)} onChange={() => toggle(value)} />
          {labelOf(value)}
        </label>
      ))}
    </fieldset>
  );
}
