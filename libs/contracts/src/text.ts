import { z } from 'zod';
import { ErrorCode } from './errors';

/** Largest customer or agent message accepted, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 8192;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Message text: not blank, at most MAX_MESSAGE_BYTES of UTF-8. */
export const messageText = z
  .string()
  .refine((text) => text.trim().length > 0, {
    message: 'text must not be empty',
    params: { code: ErrorCode.MessageEmpty },
    abort: true,
  })
  .refine((text) => utf8Length(text) <= MAX_MESSAGE_BYTES, {
    message: `text must be at most ${MAX_MESSAGE_BYTES} bytes of UTF-8`,
    params: { code: ErrorCode.MessageTooLong },
  });

/** Identifiers chosen by integrations: printable, no spaces, bounded. */
export const externalId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9._:@+-]+$/, 'may contain only letters, digits and . _ : @ + -');
