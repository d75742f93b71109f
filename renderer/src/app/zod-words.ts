import { z } from 'zod';
import { plainIssueMessage } from '../../../shared/util/plain-issue';

// Forms show the contract's zod messages; zod's defaults speak to developers ("Too small: expected string to
// have >=1 characters"), so every issue without a message of its own is put in plain words. Imported by
// main.tsx before any form, and by the renderer tests' setup so they see the same words.
z.config({ customError: plainIssueMessage });
