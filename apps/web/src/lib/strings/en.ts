/** The spine's English strings (partial: a missing key falls back to zh-CN). */
export const EN: Record<string, string> = {
  'portal.title': 'Government services',
  'portal.skip': 'Skip to main content',
  'portal.largeText': 'Large text',
  'portal.track.title': 'Track progress',
  'login.title': 'Staff sign-in',
  'login.submit': 'Sign in',
};
