import { z } from 'zod';
import {
  DeviceFamilySchema,
  DeviceIdSchema,
  DiscoverySourceKindSchema,
  UnidentifiedDeviceSchema,
} from './device';

export const SourceStateSchema = z.enum(['starting', 'running', 'stopped', 'error']);
export type SourceState = z.infer<typeof SourceStateSchema>;

export const DiscoverySourceStatusSchema = z.object({
  kind: DiscoverySourceKindSchema,
  state: SourceStateSchema,
  /** Devices currently online through this source. */
  deviceCount: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type DiscoverySourceStatus = z.infer<typeof DiscoverySourceStatusSchema>;

export const BrokerStateSchema = z.enum(['disabled', 'connecting', 'connected', 'error']);
export const BrokerStatusSchema = z.object({
  id: z.string(),
  url: z.string(),
  state: BrokerStateSchema,
  lastError: z.string().nullable(),
  deviceCount: z.number().int().nonnegative(),
});
export type BrokerStatus = z.infer<typeof BrokerStatusSchema>;

/** A USB serial port as listed (or entered by hand), with what its VID:PID suggests. */
export const SerialPortStatusSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  serialNumber: z.string().nullable(),
  /** Lower-case 4-digit hex, e.g. `10c4`. */
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  /** Bridge chip and the families usually behind it, from the VID:PID table. */
  chip: z.string().nullable(),
  likelyFamilies: z.array(DeviceFamilySchema),
  /** False for paths the technician entered (PTYs and other ports the OS does not list). */
  listed: z.boolean(),
  probe: z.enum(['idle', 'probing', 'found', 'nothing', 'error']),
  deviceId: DeviceIdSchema.nullable(),
  lastError: z.string().nullable(),
});
export type SerialPortStatus = z.infer<typeof SerialPortStatusSchema>;

/** An MQTT broker announced on the LAN (`_mqtt._tcp`), offered for use as a site broker. */
export const OfferedBrokerSchema = z.object({ name: z.string(), host: z.string(), port: z.number().int() });
export type OfferedBroker = z.infer<typeof OfferedBrokerSchema>;

export const ScanIdSchema = z
  .string()
  .regex(/^scan_[0-9a-z]{8,40}$/)
  .brand<'ScanId'>();
export type ScanId = z.infer<typeof ScanIdSchema>;

export const ScanProgressSchema = z.object({
  scanId: ScanIdSchema,
  cidr: z.string(),
  state: z.enum(['running', 'completed', 'canceled', 'failed']),
  /** Address/port pairs to probe and probed so far. */
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  found: z.array(DeviceIdSchema),
  error: z.string().nullable(),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;

export const DiscoveryStatusSchema = z.object({
  sources: z.array(DiscoverySourceStatusSchema),
  brokers: z.array(BrokerStatusSchema),
  serialPorts: z.array(SerialPortStatusSchema),
  offeredBrokers: z.array(OfferedBrokerSchema),
  scans: z.array(ScanProgressSchema),
  /** Devices that answered but could not be identified (absent: none). */
  unidentified: z.array(UnidentifiedDeviceSchema).optional(),
});
export type DiscoveryStatus = z.infer<typeof DiscoveryStatusSchema>;

/** The most addresses one range scan may cover (a /20). Larger ranges are refused with a message. */
export const MAX_SCAN_ADDRESSES = 4096;

export const ScanRequestSchema = z
  .object({
    /** IPv4 CIDR, e.g. `198.51.100.0/24`, or a single address. */
    cidr: z.string().trim().min(7).max(18),
    ports: z.array(z.number().int().min(1).max(65535)).min(1).max(8).default([80]),
    concurrency: z.number().int().min(1).max(256).default(64),
    perHostTimeoutMs: z.number().int().min(100).max(10_000).default(1_500),
  })
  .strict();
export type ScanRequest = z.infer<typeof ScanRequestSchema>;

export const ManualAddRequestSchema = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535).optional(),
  })
  .strict();
export type ManualAddRequest = z.infer<typeof ManualAddRequestSchema>;

/** CSV arrives as bytes (base64) so the core can refuse files that are not UTF-8 instead of guessing. */
export const CsvImportRequestSchema = z
  .object({
    fileName: z.string().max(255),
    contentBase64: z.string().max(7_000_000, 'CSV files are limited to 5 MB'),
  })
  .strict();
export type CsvImportRequest = z.infer<typeof CsvImportRequestSchema>;

export const CsvImportReportSchema = z.object({
  rows: z.number().int().nonnegative(),
  imported: z.array(DeviceIdSchema),
  errors: z.array(z.object({ line: z.number().int().positive(), reason: z.string() })),
});
export type CsvImportReport = z.infer<typeof CsvImportReportSchema>;

export const SerialProbeRequestSchema = z
  .object({
    path: z.string().trim().min(1).max(255),
    baudRate: z.number().int().min(300).max(4_000_000).default(115_200),
  })
  .strict();
export type SerialProbeRequest = z.infer<typeof SerialProbeRequestSchema>;
