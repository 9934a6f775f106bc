import { staffAuthHandlers } from '@/lib/auth/staff-auth';

export const { GET, POST } = staffAuthHandlers;
