import type { Metadata } from 'next';
import { StaffSignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Staff sign-in', robots: { index: false } };

export default function StaffSignInPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Staff sign-in</h1>
      <StaffSignInForm />
    </div>
  );
}
