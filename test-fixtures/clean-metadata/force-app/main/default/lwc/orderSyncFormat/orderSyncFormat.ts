export function formatOrderNumber(value: string): string {
    return value.trim().toUpperCase();
}
