/** Set by proxy.ts on requests to the staff area, which stays in English whatever the browser asks. */
export const STAFF_AREA_HEADER = 'x-utilitypay-staff-area';

export function isStaffPath(pathname: string): boolean {
  return pathname === '/staff' || pathname.startsWith('/staff/');
}
