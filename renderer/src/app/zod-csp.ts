import { z } from 'zod';

// The CSP forbids eval, so zod cannot compile its fast parsers here anyway; without `jitless` it still probes
// with `new Function`, which the browser reports as a CSP violation. Imported first by main.tsx: zod decides
// when each schema is built, at import time.
z.config({ jitless: true });
