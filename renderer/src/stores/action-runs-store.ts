import { createStore, useStore } from 'zustand';
import type { SkipReason, StepAction } from '../../../shared/domain/job';

/**
 * The last action started from a device's drawer. Its progress and outcome are not kept here: they are the
 * job's execution for that device, as main reports it in `jobs.progressed`.
 */
export type ActionRun =
  | { state: 'starting'; action: StepAction; title: string }
  | { state: 'started'; action: StepAction; title: string; jobId: string }
  | { state: 'refused'; action: StepAction; title: string; error: string }
  /** The dry run skipped the device (offline, never touch, …): nothing was started. */
  | { state: 'not-run'; action: StepAction; title: string; skipReason: SkipReason; message: string };

export interface ActionRunsState {
  byDevice: Record<string, ActionRun>;
}

export const actionRunsStore = createStore<ActionRunsState>()(() => ({ byDevice: {} }));

function set(deviceId: string, run: ActionRun | null): void {
  const byDevice = { ...actionRunsStore.getState().byDevice };
  if (run) byDevice[deviceId] = run;
  else delete byDevice[deviceId];
  actionRunsStore.setState({ byDevice });
}

export function actionRequested(deviceId: string, action: StepAction, title: string): void {
  set(deviceId, { state: 'starting', action, title });
}

export function actionStarted(deviceId: string, jobId: string): void {
  const run = actionRunsStore.getState().byDevice[deviceId];
  if (run) set(deviceId, { state: 'started', action: run.action, title: run.title, jobId });
}

/** `jobs.start` refused the action (invalid input, unknown device, …): nothing runs. */
export function actionRefused(deviceId: string, error: string): void {
  const run = actionRunsStore.getState().byDevice[deviceId];
  if (run) set(deviceId, { state: 'refused', action: run.action, title: run.title, error });
}

export function actionNotRun(deviceId: string, skipReason: SkipReason, message: string): void {
  const run = actionRunsStore.getState().byDevice[deviceId];
  if (run) set(deviceId, { state: 'not-run', action: run.action, title: run.title, skipReason, message });
}

export function actionRunDismissed(deviceId: string): void {
  set(deviceId, null);
}

export function useActionRun(deviceId: string): ActionRun | undefined {
  return useStore(actionRunsStore, (s) => s.byDevice[deviceId]);
}
