import 'server-only';
import { z } from 'zod';
import { db, isUniqueViolation } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/auth/password';
import { isUuid } from '@/lib/validation/ids';
import { CONTROL_CHARACTERS_MESSAGE, NO_CONTROL_CHARACTERS } from '@/lib/validation/schemas';

export class StaffAdminError extends AppError {}

export const NewStaffSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter an email like name@utility.example.')),
  name: z
    .string()
    .trim()
    .normalize('NFC')
    .min(1, 'Enter a name.')
    .max(100, 'Use at most 100 characters.')
    .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE),
  role: z.enum(['STAFF', 'ADMIN'], { error: 'Choose a role.' }),
  password: z.string().min(12, 'Use at least 12 characters.').max(200, 'That is too long.'),
});

export function listStaffUsers() {
  return db().staffUser.findMany({
    orderBy: { email: 'asc' },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
  });
}

/** ADMIN: adds a staff user with a first password (argon2id); the email is unique. */
export async function addStaffUser(input: z.infer<typeof NewStaffSchema>, adminId: string, clientIp: string | null) {
  try {
    const user = await db().staffUser.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      },
    });
    await audit({
      actorType: 'STAFF',
      actorId: adminId,
      action: 'staff.user_added',
      subjectType: 'staff',
      subjectId: user.id,
      clientIp,
      details: { email: user.email, role: user.role },
    });
    return user.id;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new StaffAdminError('duplicate', 'A staff user with that email already exists.');
    throw error;
  }
}

/** ADMIN: disables or re-enables a staff user (sessions end at their next request). Not yourself. */
export async function setStaffUserDisabled(options: {
  userId: string;
  disabled: boolean;
  adminId: string;
  clientIp: string | null;
}) {
  if (options.userId === options.adminId) throw new StaffAdminError('self', 'You cannot disable your own account.');
  if (!isUuid(options.userId)) throw new StaffAdminError('not_found', 'That staff user was not found.');
  // Either way the user's sessions end: a disabled user's tokens must not come back with them.
  const updated = await db().staffUser.updateMany({
    where: { id: options.userId },
    data: { disabledAt: options.disabled ? clock.now() : null, sessionVersion: { increment: 1 } },
  });
  if (updated.count !== 1) throw new StaffAdminError('not_found', 'That staff user was not found.');
  await audit({
    actorType: 'STAFF',
    actorId: options.adminId,
    action: options.disabled ? 'staff.user_disabled' : 'staff.user_enabled',
    subjectType: 'staff',
    subjectId: options.userId,
    clientIp: options.clientIp,
  });
}
