import { HttpsStub, type StubReply, type StubRequest } from './https-stub';
import type { TestCertificates } from './test-pki';

/** A distribution set the stub knows. */
export interface StubDistributionSet {
  id: number;
  name: string;
  version: string;
}

/**
 * The two Management API calls HawkbitTarget makes, answered as hawkBit documents them
 * (https://eclipse.dev/hawkbit/rest-api/mgmt.html; eclipse-hawkbit/hawkbit MgmtTargetRestApi.java,
 * MgmtDistributionSetRestApi.java):
 * - every request needs an `Authorization` header (docs "Management API", Headers); a wrong one is 401;
 * - `GET /rest/v1/distributionsets?q=<FIQL>&limit=n` → 200 `PagedList` {content, total, size};
 * - `POST /rest/v1/targets/{targetId}/assignedDS?offline=true` with `[{"id": n}]` → 200
 *   `MgmtTargetAssignmentResponseBody` {assigned, alreadyAssigned, total, assignedActions:[{id}]};
 *   404 for an unknown target or distribution set.
 * The stub understands only the FIQL this app sends: `name=="…"` and `version=="…"` joined by `;`.
 */
export class HawkbitStub {
  readonly http: HttpsStub;
  /** controllerId → ids of the distribution sets assigned offline, in order. */
  readonly installed = new Map<string, number[]>();
  private nextActionId = 100;

  constructor(
    certificates: TestCertificates,
    private readonly options: {
      authorization: string;
      targets: string[];
      distributionSets: StubDistributionSet[];
    },
  ) {
    this.http = new HttpsStub(certificates, (req) => this.answer(req));
    for (const target of options.targets) this.installed.set(target, []);
  }

  get requests(): StubRequest[] {
    return this.http.requests;
  }

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private answer(req: StubRequest): StubReply {
    if (req.headers.authorization !== this.options.authorization)
      return { status: 401, body: { error: 'Unauthorized', status: 401 } };
    const url = new URL(req.path, 'https://stub');
    if (req.method === 'GET' && url.pathname === '/rest/v1/distributionsets') return this.findSets(url);
    const assign = /^\/rest\/v1\/targets\/([^/]+)\/assignedDS$/.exec(url.pathname);
    if (req.method === 'POST' && assign) return this.assign(decodeURIComponent(assign[1]!), url, req.body);
    return { status: 404, body: { errorCode: 'hawkbit.server.error.repo.entitiyNotFound' } };
  }

  private findSets(url: URL): StubReply {
    const terms = new Map<string, string>();
    for (const term of (url.searchParams.get('q') ?? '').split(';')) {
      const match = /^(name|version)=="((?:[^"\\]|\\.)*)"$/.exec(term);
      if (!match)
        return { status: 400, body: { errorCode: 'hawkbit.server.error.rest.param.rsqlInvalidField' } };
      terms.set(match[1]!, match[2]!.replace(/\\(.)/g, '$1'));
    }
    const found = this.options.distributionSets.filter(
      (ds) => (!terms.has('name') || ds.name === terms.get('name')) && ds.version === terms.get('version'),
    );
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const content = found.slice(0, limit);
    return { status: 200, body: { content, total: found.length, size: content.length } };
  }

  private assign(controllerId: string, url: URL, body: string): StubReply {
    const history = this.installed.get(controllerId);
    const ids = (JSON.parse(body) as { id: number }[]).map((a) => a.id);
    if (!history || !ids.every((id) => this.options.distributionSets.some((ds) => ds.id === id)))
      return { status: 404, body: { errorCode: 'hawkbit.server.error.repo.entitiyNotFound' } };
    if (url.searchParams.get('offline') !== 'true')
      return { status: 400, body: { error: 'this stub only takes offline assignments' } };
    const already = history.at(-1) === ids[0];
    if (!already) history.push(ids[0]!);
    return {
      status: 200,
      body: {
        assigned: already ? 0 : 1,
        alreadyAssigned: already ? 1 : 0,
        total: 1,
        assignedActions: already ? [] : [{ id: this.nextActionId++ }],
      },
    };
  }
}
