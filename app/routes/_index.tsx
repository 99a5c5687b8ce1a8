export { loader } from "./_index.server";

/**
 * Never rendered (the loader always redirects or throws), but a route with a component lets the
 * root ErrorBoundary answer a user without any role with the Danish 403 page instead of raw text.
 */
export default function Index() {
  return null;
}
