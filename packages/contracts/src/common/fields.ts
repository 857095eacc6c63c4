import { z } from 'zod';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id field (UUID), with the Chinese message the form should show (e.g. '请选择机构'). */
export const zId = (message = '应为有效的标识（UUID）') => z.string().regex(UUID_RE, message);
