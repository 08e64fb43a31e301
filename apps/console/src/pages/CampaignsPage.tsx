import { useCallback, useEffect, useState } from 'react';
import { ArrowLeft, CalendarClock, Pause, Play, RefreshCw, Trash2, Zap } from 'lucide-react';
import type { CampaignRunView, CampaignView } from '@baton/contracts';
import { ApiRequestError } from '../api/api-client';
import { campaignsApi } from '../api/campaigns-api';
import { CampaignForm } from '../campaigns/CampaignForm';
import { CampaignRuns, when } from '../campaigns/CampaignRuns';
import { TestEventPanel } from '../campaigns/TestEventPanel';
import { useOutreachEventTypes } from '../campaigns/use-outreach-event-types';
import { RequireToken } from '../ui/RequireToken';
import '../campaigns/campaigns.css';

/** How often the runs refresh while one is under way or one was just asked for. */
const RUNS_REFRESH_MS = 2000;
/** After Run now, how many refreshes to wait for the run to show before waiting no more. */
const AWAIT_RUN_REFRESHES = 30;

const campaignHref = (name: string) => `/campaigns/${name}`;
const rate = (campaign: CampaignView) => (campaign.ratePerSecond === null ? 'unpaced' : `${campaign.ratePerSecond} per second`);
const refused = (error: unknown) => error instanceof ApiRequestError && error.status === 401;

function SignInAgain() {
  return <RequireToken reason="The API refused the token; paste the current one.">{null}</RequireToken>;
}

/** Every campaign with its schedule, a form for a new one, and a test event for checking an outreach flow. */
export function CampaignsPage() {
  return (
    <RequireToken role="supervisor">
      <CampaignList />
    </RequireToken>
  );
}

/** One campaign: its settings, its schedule controls and its runs, live while one is under way. */
export function CampaignPage({ name }: { name: string }) {
  return (
    <RequireToken role="supervisor">
      <CampaignDetail name={name} />
    </RequireToken>
  );
}

function ScheduleState({ campaign }: { campaign: CampaignView }) {
  return campaign.paused ? <span className="badge badge-warning">Paused</span> : <span className="badge badge-success">Active</span>;
}

interface ActionsProps {
  campaign: CampaignView;
  onChanged(campaign: CampaignView): void;
  onRunStarted(): void;
  onDeleted(): void;
  onError(error: unknown): void;
}

/** Pause or resume, run now, delete: each button says which campaign it acts on to a screen reader. */
function CampaignActions({ campaign, onChanged, onRunStarted, onDeleted, onError }: ActionsProps) {
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  const toggle = () => act(async () => onChanged(await (campaign.paused ? campaignsApi.resume(campaign.name) : campaignsApi.pause(campaign.name))));
  const run = () =>
    act(async () => {
      await campaignsApi.runNow(campaign.name);
      onRunStarted();
    });
  const remove = () => {
    if (!window.confirm(`Delete the campaign ${campaign.name}? Its schedule stops; a run under way finishes.`)) return;
    void act(async () => {
      await campaignsApi.remove(campaign.name);
      onDeleted();
    });
  };
  return (
    <div className="campaign-actions" role="group" aria-label={`Actions for ${campaign.name}`}>
      <button type="button" className="button-secondary small" disabled={busy} onClick={toggle} aria-label={`${campaign.paused ? 'Resume' : 'Pause'} ${campaign.name}`}>
        {campaign.paused ? <Play size={14} aria-hidden="true" /> : <Pause size={14} aria-hidden="true" />}
        {campaign.paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" className="button-secondary small" disabled={busy} onClick={run} aria-label={`Run ${campaign.name} now`}>
        <Zap size={14} aria-hidden="true" /> Run now
      </button>
      <button type="button" className="button-secondary small danger" disabled={busy} onClick={remove} aria-label={`Delete ${campaign.name}`}>
        <Trash2 size={14} aria-hidden="true" /> Delete
      </button>
    </div>
  );
}

function CampaignList() {
  const [campaigns, setCampaigns] = useState<CampaignView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const eventTypes = useOutreachEventTypes();

  const load = useCallback(() => campaignsApi.list().then((list) => (setCampaigns(list), setError(null)), setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  if (refused(error)) return <SignInAgain />;
  const replace = (changed: CampaignView) => setCampaigns((list) => list?.map((campaign) => (campaign.name === changed.name ? changed : campaign)) ?? null);
  return (
    <section className="campaigns-page">
      <header className="page-header">
        <h1>Campaigns</h1>
        <p className="muted">Recurring outreach: on its schedule each campaign reads its audience and sends every member its event, paced, skipping those who must not be contacted.</p>
      </header>
      {error !== null && <p className="notice error">{(error as Error).message}</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {!campaigns && error === null && (
        <p className="muted" role="status">
          Loading campaigns…
        </p>
      )}
      {campaigns?.length === 0 && (
        <div className="empty-state">
          <CalendarClock size={28} aria-hidden="true" />
          <p>No campaigns yet. Create the first one below.</p>
        </div>
      )}
      {campaigns && campaigns.length > 0 && (
        <table className="flow-table campaign-table">
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Event</th>
              <th scope="col">Schedule</th>
              <th scope="col">Pace</th>
              <th scope="col">State</th>
              <th scope="col">Next run</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((campaign) => (
              <tr key={campaign.name} data-campaign={campaign.name}>
                <td>
                  <a href={campaignHref(campaign.name)}>{campaign.name}</a>
                  {campaign.description && <div className="muted small">{campaign.description}</div>}
                </td>
                <td>
                  <span className="badge">{campaign.eventType}</span>
                </td>
                <td>
                  <code>{campaign.cron}</code>
                  <div className="muted small">{campaign.timeZone}</div>
                </td>
                <td>{rate(campaign)}</td>
                <td>
                  <ScheduleState campaign={campaign} />
                </td>
                <td>{campaign.paused ? <span className="muted">paused</span> : when(campaign.nextRunAt)}</td>
                <td>
                  <CampaignActions
                    campaign={campaign}
                    onChanged={replace}
                    onRunStarted={() => setNotice(`A run of ${campaign.name} has started; open the campaign to follow it.`)}
                    onDeleted={() => (setNotice(`Deleted ${campaign.name}.`), void load())}
                    onError={setError}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="campaign-panel" aria-labelledby="new-campaign-heading">
        <h2 id="new-campaign-heading">New campaign</h2>
        <CampaignForm create={campaignsApi.create} onCreated={(created) => window.location.assign(campaignHref(created.name))} eventTypes={eventTypes} />
      </section>
      <TestEventPanel send={campaignsApi.sendEvent} eventTypes={eventTypes} />
    </section>
  );
}

function CampaignDetail({ name }: { name: string }) {
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  const [runs, setRuns] = useState<CampaignRunView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refreshes, setRefreshes] = useState(0);
  /** After Run now: the newest run before it, until a newer one shows. */
  const [awaiting, setAwaiting] = useState<{ newest: string | undefined; refreshes: number } | null>(null);

  const refreshRuns = useCallback(async () => {
    try {
      const next = await campaignsApi.runs(name);
      setRuns(next);
      setError(null);
      setAwaiting((wait) => (!wait || next[0]?.id !== wait.newest || wait.refreshes >= AWAIT_RUN_REFRESHES ? null : { ...wait, refreshes: wait.refreshes + 1 }));
    } catch (caught) {
      setError(caught);
    } finally {
      setRefreshes((count) => count + 1);
    }
  }, [name]);

  useEffect(() => {
    campaignsApi.get(name).then(setCampaign, setError);
    void refreshRuns();
  }, [name, refreshRuns]);

  const live = Boolean(runs?.some((run) => run.status === 'running')) || awaiting !== null;
  useEffect(() => {
    if (!live) return;
    const timer = setTimeout(() => void refreshRuns(), RUNS_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [live, refreshes, refreshRuns]);

  if (refused(error)) return <SignInAgain />;
  const missing = error instanceof ApiRequestError && error.status === 404;
  return (
    <section className="campaigns-page">
      <a className="back-link" href="/campaigns">
        <ArrowLeft size={16} aria-hidden="true" /> All campaigns
      </a>
      <header className="page-header campaign-header">
        <h1>{name}</h1>
        {campaign && <ScheduleState campaign={campaign} />}
      </header>
      {missing && <p className="notice error">There is no campaign named {name}; it may have been deleted.</p>}
      {error !== null && !missing && <p className="notice error">{(error as Error).message}</p>}
      {!campaign && error === null && (
        <p className="muted" role="status">
          Loading the campaign…
        </p>
      )}
      {campaign && (
        <>
          {campaign.description && <p>{campaign.description}</p>}
          <dl className="facts campaign-facts">
            <dt>Event</dt>
            <dd>
              <span className="badge">{campaign.eventType}</span>
            </dd>
            <dt>Schedule</dt>
            <dd>
              <code>{campaign.cron}</code> in {campaign.timeZone}
            </dd>
            <dt>Next run</dt>
            <dd>{campaign.paused ? 'paused' : when(campaign.nextRunAt)}</dd>
            <dt>Pace</dt>
            <dd>{rate(campaign)}</dd>
            <dt>Channel</dt>
            <dd>{campaign.channel}</dd>
            <dt>Audience</dt>
            <dd className="mono">{campaign.audience.url}</dd>
            <dt>Payload</dt>
            <dd className="mono">{JSON.stringify(campaign.payload)}</dd>
          </dl>
          <CampaignActions
            campaign={campaign}
            onChanged={setCampaign}
            onRunStarted={() => setAwaiting({ newest: runs?.[0]?.id, refreshes: 0 })}
            onDeleted={() => window.location.assign('/campaigns')}
            onError={setError}
          />
        </>
      )}
      {!missing && (
        <section className="campaign-panel" aria-labelledby="runs-heading">
          <div className="panel-header">
            <h2 id="runs-heading">Runs</h2>
            {live && (
              <span className="muted small" role="status">
                {awaiting ? 'Starting a run…' : 'Updating while a run is under way'}
              </span>
            )}
            <button type="button" className="button-secondary small" onClick={() => void refreshRuns()}>
              <RefreshCw size={14} aria-hidden="true" /> Refresh
            </button>
          </div>
          {runs ? <CampaignRuns runs={runs} /> : error === null && <p className="muted">Loading runs…</p>}
        </section>
      )}
    </section>
  );
}
