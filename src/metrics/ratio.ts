/** scale × num ÷ den, or NaN (an empty report cell) when den is not positive. */
export const ratio = (num: number, den: number, scale = 1): number => (den > 0 ? (scale * num) / den : NaN);
