import type { PolicyDraft } from './policy-draft';

/** Draft fields typed as numbers. */
export type NumberKey =
  | 'concurrency'
  | 'httpConcurrency'
  | 'mqttConcurrency'
  | 'ratePerMinute'
  | 'rebootStaggerMs'
  | 'firmwareBandwidthKbps'
  | 'stepTimeoutMs'
  | 'retryMax'
  | 'retryBaseDelayMs'
  | 'retryMaxDelayMs'
  | 'retryJitter'
  | 'gateSuccessPercent'
  | 'abortFailurePercent'
  | 'abortMinExecuted'
  | 'offlineDeadlineMs';

export interface NumberField {
  key: NumberKey & keyof PolicyDraft;
  /** Where the spec schema reports a problem with it. */
  path: string;
  label: string;
  explain: string;
  /** A duration, typed with its unit (`90 s`, `5 min`, `1 h`). */
  isDuration?: boolean;
  /** What an empty field means, when it is allowed. */
  empty?: string;
  /** The schema has no default: the prefilled value is only a suggestion, and said so. */
  isSuggestion?: boolean;
}

export const PACE_FIELDS: readonly NumberField[] = [
  {
    key: 'concurrency',
    path: 'policy.concurrency',
    label: 'Concurrency',
    explain: 'Devices worked on at the same time.',
  },
  {
    key: 'httpConcurrency',
    path: 'policy.transportConcurrency.http',
    label: 'HTTP devices at once',
    explain: 'A tighter limit for devices reached over HTTP.',
    empty: 'the concurrency above',
  },
  {
    key: 'mqttConcurrency',
    path: 'policy.transportConcurrency.mqtt',
    label: 'MQTT devices at once',
    explain: 'A tighter limit for devices reached over MQTT (a serial port always runs one at a time).',
    empty: 'the concurrency above',
  },
  {
    key: 'ratePerMinute',
    path: 'policy.ratePerMinute',
    label: 'Devices started per minute',
    explain: 'Spreads the starts over time.',
    empty: 'as fast as the concurrency allows',
  },
  {
    key: 'rebootStaggerMs',
    path: 'policy.rebootStaggerMs',
    label: 'Reboot stagger',
    explain: 'Least gap between two steps that restart a device, so a circuit is not hit all at once.',
    isDuration: true,
  },
  {
    key: 'firmwareBandwidthKbps',
    path: 'policy.firmwareBandwidthKbps',
    label: 'Firmware bandwidth (kbit/s)',
    explain: 'Total for this job’s firmware downloads.',
    empty: 'the firmware server’s own cap',
  },
];

export const RETRY_FIELDS: readonly NumberField[] = [
  {
    key: 'stepTimeoutMs',
    path: 'policy.stepTimeoutMs',
    label: 'Step timeout',
    explain: 'Budget for one step on one device, its restart and the check that it worked included.',
    isDuration: true,
  },
  {
    key: 'retryMax',
    path: 'policy.retries.max',
    label: 'Retries',
    explain: 'Attempts after the first, for the failures chosen below.',
  },
  {
    key: 'retryBaseDelayMs',
    path: 'policy.retries.baseDelayMs',
    label: 'First retry after',
    explain: 'Each further retry waits twice as long, up to the longest delay.',
    isDuration: true,
  },
  {
    key: 'retryMaxDelayMs',
    path: 'policy.retries.maxDelayMs',
    label: 'Longest retry delay',
    explain: 'The back-off stops growing here.',
    isDuration: true,
  },
  {
    key: 'retryJitter',
    path: 'policy.retries.jitter',
    label: 'Jitter (0–1)',
    explain: 'Random share of each delay, so a site’s devices do not retry in lock-step.',
  },
];

export const GATE_FIELD: NumberField = {
  key: 'gateSuccessPercent',
  path: 'policy.waveGate.successPercent',
  label: 'Wave gate: success (%)',
  explain: 'Share of a wave that must succeed before the next wave may start.',
};

export const ABORT_FIELDS: readonly NumberField[] = [
  {
    key: 'abortFailurePercent',
    path: 'policy.abort.failurePercent',
    label: 'Failure limit (%)',
    explain: 'Stop when more than this share of the devices with a result failed.',
    isSuggestion: true,
  },
  {
    key: 'abortMinExecuted',
    path: 'policy.abort.minExecuted',
    label: 'Judge after (devices)',
    explain: 'The limit applies once this many devices have a result.',
  },
];

export const OFFLINE_DEADLINE_FIELD: NumberField = {
  key: 'offlineDeadlineMs',
  path: 'policy.offline.deadlineMs',
  label: 'Wait at most',
  explain: 'A deferred device not seen again by then is skipped as “not reached”.',
  isDuration: true,
};
