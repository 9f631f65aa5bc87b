/** The `cursorSecret` of the integration tests' ORMs (any string of 32 characters or more). */
export const CURSOR_SECRET = 'a test cursor secret of 40 characters...';
