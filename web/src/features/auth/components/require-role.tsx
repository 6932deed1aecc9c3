// Guards a group of routes: no session → /login; the wrong role → that role's home page.
// The server checks roles on every route too; this only keeps people out of pages they
// cannot use.
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@/types/api';
import { LoadingState } from '@/components/states';
import { homeFor, useAuth } from './auth-provider';

export function RequireRole({ roles }: { roles: Role[] }) {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <LoadingState />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!roles.includes(user.role)) return <Navigate to={homeFor(user)} replace />;
  return <Outlet />;
}
