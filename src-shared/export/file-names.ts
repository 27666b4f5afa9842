/**
 * File names for exports and workbooks, made from titles a person typed:
 * `A&E attendances (11X), 2019/20` → `a_e_attendances_11x_2019_20`. Only
 * letters, digits and underscores, so the name is safe on every file system.
 */
export function fileStem(title: string, fallback = 'export'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80)
    .replace(/_+$/, '');
  return stem === '' ? fallback : stem;
}
