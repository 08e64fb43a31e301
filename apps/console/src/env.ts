/** Where the console finds the API and the demo store; the launcher passes both. */
export const API_URL = import.meta.env.VITE_API_URL ?? 'http://127.0.0.1:3000';
export const STORE_URL = import.meta.env.VITE_STORE_URL ?? 'http://127.0.0.1:4100';
/**
 * The API token for staff screens (the flow designer). When the build does not carry one, the console
 * asks for it (npm start prints it) and keeps it in this browser's local storage.
 */
export const API_TOKEN: string | undefined = import.meta.env.VITE_API_TOKEN || undefined;
