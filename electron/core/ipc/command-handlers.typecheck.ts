// Compile-time proof that the handler map is tied to the contract: `tsc` fails if these stop being errors.
import type { CommandHandlers } from '../../../shared/ipc/contract';

declare const complete: CommandHandlers;
const { 'jobs.cancel': _dropped, ...missingOne } = complete;

// @ts-expect-error a handler map without 'jobs.cancel' must not satisfy the contract
export const missingHandler = missingOne satisfies CommandHandlers;

// @ts-expect-error a handler for a command outside the contract must not compile
export const extraHandler = { ...complete, 'db.execute': async () => null } satisfies CommandHandlers;

// @ts-expect-error a handler returning the wrong shape must not compile
export const wrongOutput = { ...complete, 'jobs.start': async () => ({ id: 1 }) } satisfies CommandHandlers;
