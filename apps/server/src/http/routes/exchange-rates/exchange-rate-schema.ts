import { z } from 'zod';

export const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, such as EUR');

export const rateSchema = z
  .object({
    currency: z.string(),
    day: z.iso.date(),
    usd_per_unit: z.number().describe('US dollars for one unit of the currency'),
    source: z.enum(['shipped', 'organization']).describe("shipped with Tollgate, or the organization's own"),
  })
  .meta({ id: 'ExchangeRate' });
