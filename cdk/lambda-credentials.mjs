// The AWS SDK's credential chain for the bundles: only the environment. Lambda gives every function its
// role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, so the chain's
// other links (SSO, profiles, web identity, instance metadata; 95 KB with the STS and SSO clients they
// carry) would never be reached. cdk/functions.ts aliases @aws-sdk/credential-provider-node to this file.
export { fromEnv as defaultProvider } from "@aws-sdk/credential-provider-env";
