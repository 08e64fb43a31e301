import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApiErrorBody, CampaignView, CreateCampaign } from '@baton/contracts';
import { CampaignForm } from './CampaignForm';

/** What the API client rejects with when the API refuses (ApiRequestError's code, message and details). */
const refusal = (status: number, body: ApiErrorBody) => Object.assign(new Error(body.error.message), { status, code: body.error.code, details: body.error.details ?? [] });

/** The error text a control points at through aria-describedby, as a screen reader announces it. */
function errorOf(label: RegExp): string | null {
  const control = screen.getByLabelText(label);
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((element) => element?.classList.contains('field-error'));
  return error?.textContent ?? null;
}

function fill(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('the campaign form', () => {
  it('sends the campaign as POST /campaigns takes it', async () => {
    const sent: CreateCampaign[] = [];
    const created: string[] = [];
    render(
      <CampaignForm
        create={async (campaign) => (sent.push(campaign), { ...campaign, paused: false, nextRunAt: null, createdAt: '2026-12-04T10:00:00Z' } as CampaignView)}
        onCreated={(campaign) => created.push(campaign.name)}
      />,
    );
    fill(/^Name/, 'Payment-Reminders');
    fill(/^Event type/, 'payment.due');
    fill(/^Time zone/, 'Europe/Lisbon');
    fill(/^Audience URL/, 'store:/campaigns/payment-due');
    fill(/^Payload/, '{"dueDate": "2026-12-20"}');
    fireEvent.click(screen.getByLabelText('Unpaced'));
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    fill(/Header 1 name/, 'x-api-key');
    fill(/Header 1 secret/, 'store-key');
    fireEvent.click(screen.getByRole('button', { name: /Create campaign/ }));

    await waitFor(() => expect(created).toEqual(['payment-reminders']));
    expect(sent).toEqual([
      {
        name: 'payment-reminders',
        eventType: 'payment.due',
        cron: '0 9 * * *',
        timeZone: 'Europe/Lisbon',
        audience: { url: 'store:/campaigns/payment-due', headers: [{ name: 'x-api-key', secret: 'store-key' }] },
        payload: { dueDate: '2026-12-20' },
        channel: 'web',
        ratePerSecond: null,
      },
    ]);
  });

  it("shows each of the API's field errors under its field, and what concerns no field above the button", async () => {
    render(
      <CampaignForm
        create={() =>
          Promise.reject(
            refusal(400, {
              error: {
                code: 'INVALID_FIELD' as never,
                message: 'cron: must be a five-field cron expression',
                details: [
                  { code: 'INVALID_FIELD' as never, field: 'cron', message: 'cron: must be a five-field cron expression, e.g. "0 9 * * *" for every day at 09:00' },
                  { code: 'MISSING_FIELD' as never, field: 'audience.url', message: 'audience.url is required' },
                  { code: 'INVALID_FIELD' as never, field: 'audience.headers.0.name', message: 'audience.headers.0.name: Too small: expected string to have >=1 characters' },
                  { code: 'UNKNOWN_FIELD' as never, field: 'colour', message: 'colour is not a known field' },
                ],
              },
            }),
          )
        }
        onCreated={() => undefined}
      />,
    );
    fill(/^Cron|^Schedule/, 'every morning');
    fireEvent.click(screen.getByRole('button', { name: /Create campaign/ }));

    await screen.findByText(/must be a five-field cron expression/);
    expect(errorOf(/^Schedule/)).toBe('must be a five-field cron expression, e.g. "0 9 * * *" for every day at 09:00');
    expect(screen.getByLabelText(/^Schedule/).getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(/^Audience URL/)).toBe('audience.url is required');
    expect(screen.getByText('Too small: expected string to have >=1 characters').closest('fieldset')?.className).toContain('field-invalid');
    expect(screen.getByRole('alert').textContent).toBe('colour is not a known field');
    expect(errorOf(/^Name/)).toBeNull();
    expect(screen.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('false');
  });

  it('puts a refusal without details under the field it concerns: a name already taken', async () => {
    render(
      <CampaignForm
        create={() => Promise.reject(refusal(409, { error: { code: 'CAMPAIGN_EXISTS' as never, message: 'a campaign named daily already exists' } }))}
        onCreated={() => undefined}
      />,
    );
    fill(/^Name/, 'daily');
    fireEvent.click(screen.getByRole('button', { name: /Create campaign/ }));
    await waitFor(() => expect(errorOf(/^Name/)).toBe('a campaign named daily already exists'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a payload that is not a JSON object without calling the API', async () => {
    const create = jest.fn();
    render(<CampaignForm create={create} onCreated={() => undefined} />);
    fill(/^Payload/, '["not", "an object"]');
    fireEvent.click(screen.getByRole('button', { name: /Create campaign/ }));
    await waitFor(() => expect(errorOf(/^Payload/)).toMatch(/must be a JSON object/));
    fill(/^Payload/, '{"amount": ');
    fireEvent.click(screen.getByRole('button', { name: /Create campaign/ }));
    await waitFor(() => expect(errorOf(/^Payload/)).toMatch(/is not valid JSON/));
    expect(create).not.toHaveBeenCalled();
  });
});
