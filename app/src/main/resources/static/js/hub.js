// The integrations hub: fills each card's badge from /api/integrations/status.
import { api, toastError } from './theo.js';
import { badgeState, renderBadge } from './connection-status.js';

async function load() {
  const cards = document.querySelectorAll('[data-integration]');
  try {
    const status = await api('GET', '/api/integrations/status');
    const integrations = status.integrations || {};
    cards.forEach((card) => {
      renderBadge(card.querySelector('[data-role=badge]'), badgeState(integrations[card.dataset.integration]));
    });
  } catch (error) {
    cards.forEach((card) => renderBadge(card.querySelector('[data-role=badge]'), 'unknown'));
    toastError(error);
  }
}

load();
