import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-700">The page you asked for is not here, or it is not yours to see.</p>
      <Link
        href="/"
        className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
      >
        Go to the home page
      </Link>
    </div>
  );
}
