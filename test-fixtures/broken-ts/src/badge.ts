// Fixture: line 3 is badly formatted, line 4 assigns a string to a number, line 5 has an unused variable.
export function label(count: number): string {
  const    text = "count";
  const total: number = text;
  const unused = 1;
  return `${text} ${count} ${total}`;
}
