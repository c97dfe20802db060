/**
 * Sums of money as exact decimals: amounts travel as strings ("1250.00") and are added as scaled
 * integers, so no total ever picks up a binary floating-point error.
 */
export class DecimalSum {
  private units = 0n;
  private scale = 2;

  add(amount: string): void {
    const [whole = '0', fraction = ''] = amount.split('.');
    if (fraction.length > this.scale) {
      this.units *= 10n ** BigInt(fraction.length - this.scale);
      this.scale = fraction.length;
    }
    this.units += BigInt(whole + fraction.padEnd(this.scale, '0'));
  }

  /** The total with at least two decimals, e.g. "1250.00", "0.125". */
  toString(): string {
    const digits = this.units.toString().padStart(this.scale + 1, '0');
    return `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
  }
}
