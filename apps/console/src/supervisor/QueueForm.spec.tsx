import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type QueueSettings, queueSettingsSchema, type QueueView } from '@baton/contracts';
import { QueueForm } from './QueueForm';
import { draftOf, settingsInput } from './queue-draft';

const queueView = (settings: Partial<QueueSettings>): QueueView => ({
  ...queueSettingsSchema.parse({ title: 'Customer care', ...settings }),
  name: 'care',
  openNow: true,
  createdAt: '2026-12-04T10:00:00Z',
  updatedAt: '2026-12-04T10:00:00Z',
});

/** The error text a control points at through aria-describedby, as a screen reader announces it. */
function errorOf(element: HTMLElement): string | null {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((found) => found?.classList.contains('field-error'))?.textContent ?? null;
}

const fill = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

type Save = jest.Mock<Promise<QueueView>, [string, QueueSettings]>;

function renderForm(queue: QueueView | null = null, save: Save = jest.fn(async (name: string, settings: QueueSettings) => ({ ...queueView(settings), name }))) {
  render(<QueueForm queue={queue} taken={['support']} save={save} onSaved={() => undefined} onCancel={() => undefined} />);
  return save;
}

describe('the queue form', () => {
  it('builds business hours in the editor and sends them as a valid QueueSettings', async () => {
    const save = renderForm();
    fill(/^Name/, 'Night-Shift');
    fill(/^Title/, 'Night shift');
    fill(/^Mode/, 'push');
    fill(/^Required skills/, 'licensed, spanish ,');
    fill(/^Priority/, '80');
    fill(/^Reservation/, '20');
    fill(/^Claim within/, '120');
    fireEvent.click(screen.getByLabelText('Staffed around the clock'));

    fill(/^Time zone/, 'Europe/Berlin');
    fill('Monday range 1 from', '08:30');
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on Monday' }));
    fill('Monday range 2 from', '20:00');
    fill('Monday range 2 to', '24:00');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Friday range 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add hours on Saturday' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    fill('Holiday 1', '2026-12-25');
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    fireEvent.click(screen.getByRole('button', { name: /Create queue/ }));

    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const [name, settings] = save.mock.calls[0]!;
    expect(name).toBe('night-shift');
    const nineToFive = [{ from: '09:00', to: '17:00' }];
    expect(settings).toEqual({
      title: 'Night shift',
      mode: 'push',
      requiredSkills: ['licensed', 'spanish'],
      priority: 80,
      sla: { claimSeconds: 120 },
      reservationSeconds: 20,
      businessHours: {
        timeZone: 'Europe/Berlin',
        weekly: { mon: [{ from: '08:30', to: '17:00' }, { from: '20:00', to: '24:00' }], tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: [], sat: nineToFive, sun: [] },
        holidays: ['2026-12-25'],
      },
    });
    expect(queueSettingsSchema.parse(settings)).toEqual(settings);
  });

  it('reads back a queue it is given unchanged', () => {
    const settings = queueSettingsSchema.parse({
      title: 'Care',
      mode: 'push',
      requiredSkills: ['licensed'],
      priority: 10,
      sla: { firstReplySeconds: 60, resolveSeconds: 3600 },
      reservationSeconds: 45,
      businessHours: { timeZone: 'America/New_York', weekly: { wed: [{ from: '00:00', to: '24:00' }] }, holidays: ['2027-01-01'] },
    });
    expect(queueSettingsSchema.parse(settingsInput(draftOf(settings)))).toEqual(settings);
  });

  it('shows what the contract refuses under the field or day it concerns, and sends nothing', async () => {
    const save = renderForm();
    fill(/^Name/, 'support');
    fill(/^Priority/, '101');
    fireEvent.click(screen.getByLabelText('Staffed around the clock'));
    fill(/^Time zone/, 'Mars/Olympus');
    fill('Tuesday range 1 from', '18:00');
    fill('Wednesday range 1 to', '25:00');
    fireEvent.click(screen.getByRole('button', { name: /Create queue/ }));

    await waitFor(() => expect(errorOf(screen.getByLabelText(/^Title/))).toBe('must not be empty'));
    expect(errorOf(screen.getByLabelText(/^Name/))).toMatch(/a queue named support exists/);
    expect(errorOf(screen.getByLabelText(/^Priority/))).toMatch(/100/);
    expect(errorOf(screen.getByLabelText(/^Time zone/))).toBe('must be an IANA time zone such as Europe/Berlin');
    expect(errorOf(screen.getByRole('group', { name: 'Tuesday' }))).toBe('from must be before to');
    expect(errorOf(screen.getByRole('group', { name: 'Wednesday' }))).toBe('must be a time of day HH:MM');
    expect(errorOf(screen.getByRole('group', { name: 'Monday' }))).toBeNull();
    expect(save).not.toHaveBeenCalled();
  });

  it("keeps an existing queue's name and shows the API's field errors", async () => {
    const refusal = Object.assign(new Error('refused'), {
      code: 'INVALID_FIELD',
      details: [{ code: 'INVALID_FIELD', field: 'businessHours.holidays.0', message: 'businessHours.holidays.0: holidays are dates YYYY-MM-DD' }],
    });
    const save = renderForm(
      queueView({ businessHours: { timeZone: 'UTC', weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: ['2026-12-25'] } }),
      jest.fn<Promise<QueueView>, [string, QueueSettings]>(() => Promise.reject(refusal)),
    );
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Save queue/ }));
    await waitFor(() => expect(save).toHaveBeenCalledWith('care', expect.objectContaining({ title: 'Customer care' })));
    const holidays = screen.getByRole('group', { name: /Holidays/ });
    await waitFor(() => expect(errorOf(holidays)).toBe('holidays are dates YYYY-MM-DD'));
    expect(within(holidays).getByLabelText('Holiday 1')).toBeTruthy();
  });
});
