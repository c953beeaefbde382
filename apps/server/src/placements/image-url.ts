/** Public, so that an <img> or a device's image loader can fetch it with no credentials. */
export function paywallImageUrl(publicUrl: string, appId: string, imageId: string): string {
  return `${publicUrl}/media/v1/apps/${appId}/paywall-images/${imageId}`;
}
