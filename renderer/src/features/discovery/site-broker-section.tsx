import { useEffect, useState, type FormEvent } from 'react';
import { tasmotaBacklog, type EmbeddedBrokerStatus } from '../../../../shared/domain/broker';
import { FormField } from '../../components/form-field';
import { StateBadge } from '../../components/state-badge';
import { useDiscovery } from '../../stores/discovery-store';
import { loadBrokerStatus, startBroker, stopBroker, type BrokerOutcome } from './site-broker-actions';
import { brokerFieldErrors, type BrokerFieldErrors } from './site-broker-fields';
import { brokerStatusLine, interfaceChoices } from './site-broker-words';

// The device count is the one figure that moves on its own; asking now and then is enough for it.
const REFRESH_MS = 2_000;

/**
 * The app's own MQTT broker, for sites without one: started on a chosen interface with a user and password,
 * announced as `_mqtt._tcp`; Tasmota devices pointed at it appear in the inventory through MQTT discovery.
 */
export function SiteBrokerSection() {
  const interfaces = useDiscovery((s) => s.interfaces) ?? [];
  const choices = interfaceChoices(interfaces);
  const [status, setStatus] = useState<EmbeddedBrokerStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<BrokerFieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [address, setAddress] = useState('');
  const [port, setPort] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const apply = (outcome: BrokerOutcome) => {
    if (outcome.ok) setStatus(outcome.status);
    setFailure(outcome.ok ? null : outcome.message);
    setFieldErrors(outcome.ok ? {} : (outcome.fields ?? {}));
    return outcome.ok;
  };

  useEffect(() => {
    let live = true;
    const refresh = () => void loadBrokerStatus().then((o) => live && o.ok && setStatus(o.status));
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const chosen =
    address ||
    status?.interfaceAddress ||
    choices.find((c) => !c.internal)?.address ||
    choices[0]?.address ||
    '';
  const user = username || status?.username || 'fieldbatch';
  const isRunning = status?.state === 'running';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = brokerFieldErrors({ port, username: user, password }, status?.hasPassword ?? false);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setFailure(null);
      return;
    }
    setBusy(true);
    const started = apply(
      await startBroker({
        interfaceAddress: chosen,
        ...(port.trim() === '' ? {} : { port: Number(port) }),
        username: user,
        ...(password === '' ? {} : { password }),
      }),
    );
    if (!started) void loadBrokerStatus().then((o) => o.ok && setStatus(o.status));
    setBusy(false);
  };
  const stop = async () => {
    setBusy(true);
    apply(await stopBroker());
    setBusy(false);
  };

  const backlog = isRunning && status ? tasmotaBacklog(status, password || '<password>') : null;
  return (
    <section className="discovery-section site-broker" aria-labelledby="site-broker-title">
      <h3 id="site-broker-title">Site broker (built in)</h3>
      <p className="hint">For sites without an MQTT broker: Tasmota devices connect to this computer.</p>
      {status && (
        <p className="site-broker-status" role="status" aria-label="Site broker status">
          <StateBadge state={status.state} /> {brokerStatusLine(status)}
        </p>
      )}
      {isRunning && status?.note && <p className="hint">{status.note}</p>}
      <form className="broker-form" aria-label="Site broker" noValidate onSubmit={(e) => void submit(e)}>
        <FormField label="Network interface" error={fieldErrors.interfaceAddress}>
          {(field) => (
            <select {...field} value={chosen} onChange={(e) => setAddress(e.target.value)}>
              {choices.map((c) => (
                <option key={c.address} value={c.address}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Port (empty: as last time, first time 1883)" error={fieldErrors.port}>
          {(field) => (
            <input
              {...field}
              inputMode="numeric"
              value={port}
              placeholder={String(status?.port ?? 1883)}
              onChange={(e) => setPort(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="User name devices log in with" error={fieldErrors.username}>
          {(field) => (
            <input {...field} value={user} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
          )}
        </FormField>
        <FormField label="Password devices log in with" error={fieldErrors.password}>
          {(field) => (
            <input
              {...field}
              type="password"
              autoComplete="new-password"
              value={password}
              placeholder={status?.hasPassword ? 'stored (type to change)' : 'at least 8 characters'}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        <div className="row-actions">
          <button type="submit" disabled={busy || chosen === ''}>
            {isRunning ? 'Restart with these settings' : 'Start broker'}
          </button>
          {isRunning && (
            <button type="button" disabled={busy} onClick={() => void stop()}>
              Stop broker
            </button>
          )}
        </div>
      </form>
      {failure && (
        <p className="error-text" role="alert">
          {failure}
        </p>
      )}
      {backlog && (
        <div className="site-broker-backlog">
          <p>Type this into each Tasmota console (Console page, or as one command):</p>
          <code className="mono" aria-label="Tasmota command">
            {backlog}
          </code>{' '}
          <button type="button" className="link" onClick={() => void navigator.clipboard?.writeText(backlog)}>
            Copy
          </button>
        </div>
      )}
    </section>
  );
}
