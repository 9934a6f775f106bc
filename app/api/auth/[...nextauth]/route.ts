import { customerAuthHandlers } from '@/lib/auth/customer-auth';

export const { GET, POST } = customerAuthHandlers;
