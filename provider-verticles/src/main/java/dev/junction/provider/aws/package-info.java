/**
 * What the AWS providers (Bedrock, SageMaker) share: SigV4 signing with the AWS SDK's signer, credentials from
 * the deployment or the SDK's provider chains (resolved on worker threads and cached), the binary event-stream
 * framing of their streams, and AWS's JSON error bodies. Translation lives in each provider's own package.
 */
package dev.junction.provider.aws;
