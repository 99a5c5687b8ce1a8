// CPR numbers must never be stored or logged (DATA-CONTRACT.md), not even in the report of a file
// refused for holding one: anything shaped like one (DDMMYY-XXXX or ten digits in a row) is masked
// before an import issue is built, and before a command or job prints an error.

const CPR_SHAPED = /(?<!\d)\d{6}-?\d{4}(?!\d)/g;
export const CPR_MASK = "XXXXXX-XXXX";

export function maskCpr(text: string): string {
  return text.replace(CPR_SHAPED, CPR_MASK);
}
