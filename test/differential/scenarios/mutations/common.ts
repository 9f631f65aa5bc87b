/** An `items` row with the required columns filled in. */
export const item = (sku: string, extra: Record<string, unknown> = {}) => ({ sku, name: `Item ${sku}`, ...extra });
