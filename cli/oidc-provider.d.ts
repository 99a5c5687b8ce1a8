// oidc-provider ships no type declarations; cli/demo-idp.ts is its only user.
declare module "oidc-provider";
