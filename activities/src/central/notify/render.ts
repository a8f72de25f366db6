/**
 * The notification as it leaves: PHI-scrubbed (titles and summaries are composed from host data,
 * and chat and webhook receivers are third-party services), then rendered per channel kind.
 */
import { scrubPhi, type ScrubOptions } from '@custos/core/phi';
import type { Notification } from './contract.js';

export function scrubNotification(n: Notification, options: ScrubOptions): Notification {
  const { value } = scrubPhi({ title: n.title, summary: n.summary, facts: n.facts ?? {} }, options);
  return { ...n, title: value.title, summary: value.summary, facts: value.facts };
}

export function plainText(n: Notification): string {
  const facts = Object.entries(n.facts ?? {}).map(([k, v]) => `${k}: ${v}`);
  return [n.summary, '', ...facts, ...(n.link ? ['', `Open in Custos: ${n.link}`] : []), '', `Priority: ${n.priority} · ${n.event} · ${n.occurredAt}`].join('\n');
}

/** The webhook body: the notification itself, stable across retries (the signature carries the attempt's time). */
export function webhookBody(n: Notification): string {
  return JSON.stringify({ id: n.id, event: n.event, priority: n.priority, title: n.title, summary: n.summary, link: n.link ?? null, facts: n.facts ?? {}, occurredAt: n.occurredAt });
}

export type ChatFlavour = 'slack' | 'teams';

/** Teams incoming webhooks (Office 365 connectors, Power Automate workflows) want an Adaptive Card; everything else speaks Slack's format. */
export function chatFlavour(url: URL): ChatFlavour {
  const host = url.hostname.toLowerCase();
  return /(^|\.)webhook\.office\.com$|(^|\.)logic\.azure\.com$|(^|\.)powerplatform\.com$|(^|\.)office365\.com$/.test(host) ? 'teams' : 'slack';
}

/** Slack (and Mattermost, Rocket.Chat, Discord's /slack endpoint) escape &, < and > in text. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chatBody(n: Notification, flavour: ChatFlavour): string {
  const facts = Object.entries(n.facts ?? {});
  if (flavour === 'slack') {
    const lines = [`*[${n.priority}] ${slackEscape(n.title)}*`, slackEscape(n.summary), ...facts.map(([k, v]) => `• ${slackEscape(k)}: ${slackEscape(v)}`)];
    if (n.link) lines.push(`<${n.link}|Open in Custos>`);
    return JSON.stringify({ text: lines.join('\n') });
  }
  return JSON.stringify({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: `[${n.priority}] ${n.title}`, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: n.summary, wrap: true },
            ...(facts.length > 0 ? [{ type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) }] : []),
          ],
          actions: n.link ? [{ type: 'Action.OpenUrl', title: 'Open in Custos', url: n.link }] : [],
        },
      },
    ],
  });
}
