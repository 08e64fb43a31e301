/** Where the console finds the API and the demo store; the launcher passes both. */
export const API_URL = import.meta.env.VITE_API_URL ?? 'http://127.0.0.1:3000';
export const STORE_URL = import.meta.env.VITE_STORE_URL ?? 'http://127.0.0.1:4100';
