import { AppError } from '@/lib/errors';

export class PaymentError extends AppError {}
