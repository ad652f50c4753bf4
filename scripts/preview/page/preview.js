/* global document, fetch, window, setInterval, URL, URLSearchParams */
/**
 * The preview page's own script: mounts the panels on the mock Account and Order layouts
 * (records chosen with the selects or `?account=&order=`), and drives the ERP sandbox from the
 * control bar (up / slow / down, delay, clear the cache, reload the panels).
 */
(function () {
  const preview = window.ErpPreview;
  const records = JSON.parse(document.getElementById('preview-records').textContent);
  const query = new URLSearchParams(window.location.search);
  const chosen = {
    Account: query.get('account') || records.Account[0].id,
    Order: query.get('order') || records.Order[0].id
  };
  const byId = (list, id) => list.find((r) => r.id === id) || list[0];
  const statusText = document.querySelector('[data-id="status"]');

  function mountRecord(object) {
    const record = byId(records[object], chosen[object]);
    document.querySelector(`[data-id="${object.toLowerCase()}-title"]`).textContent = record.name;
    for (const region of ['main', 'side']) {
      const target = document.querySelector(`[data-region="${object}-${region}"]`);
      target.replaceChildren();
      for (const panel of preview.panels) {
        if (panel.object === object && panel.region === region) {
          preview.mount(target, panel.tag, { recordId: record.id, objectApiName: object });
        }
      }
    }
  }

  function fillSelect(object) {
    const select = document.querySelector(`[data-id="${object.toLowerCase()}-select"]`);
    for (const record of records[object]) {
      const option = document.createElement('option');
      option.value = record.id;
      option.textContent = `${record.name} — ${record.detail}`;
      option.selected = record.id === byId(records[object], chosen[object]).id;
      select.appendChild(option);
    }
    select.addEventListener('change', () => {
      chosen[object] = select.value;
      const url = new URL(window.location.href);
      url.searchParams.set(object.toLowerCase(), select.value);
      window.history.replaceState(null, '', url);
      mountRecord(object);
    });
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    });
    return response.json();
  }

  async function refreshStatus() {
    try {
      const status = await (await fetch('/api/_status')).json();
      const erp = status.erp;
      statusText.textContent =
        `ERP ${erp.mode}${erp.mode === 'slow' ? ` (${erp.delayMs} ms)` : ''} · ` +
        `breaker ${status.breaker} (${status.failures} failures) · ` +
        `cache ${status.cacheEntries} entries · ${status.callouts} ERP calls · ` +
        `timeout ${status.settings.inquiryTimeoutMs} ms, TTL ${status.settings.cacheTtlSeconds} s`;
      for (const button of document.querySelectorAll('[data-mode]')) {
        button.classList.toggle('slds-button_brand', button.dataset.mode === erp.mode);
        button.classList.toggle('slds-button_neutral', button.dataset.mode !== erp.mode);
        button.setAttribute('aria-pressed', String(button.dataset.mode === erp.mode));
      }
    } catch (error) {
      statusText.textContent = `Preview server not reachable: ${error.message}`;
    }
  }

  for (const button of document.querySelectorAll('[data-mode]')) {
    button.addEventListener('click', async () => {
      const delayMs = Number(document.querySelector('[data-id="delay"]').value) || 0;
      await post('/erp/_control', { mode: button.dataset.mode, delayMs });
      await refreshStatus();
    });
  }
  document.querySelector('[data-id="clear-cache"]').addEventListener('click', async () => {
    await post('/api/_control', { clearCache: true });
    await refreshStatus();
  });
  document.querySelector('[data-id="reload"]').addEventListener('click', () => {
    mountRecord('Account');
    mountRecord('Order');
  });

  fillSelect('Account');
  fillSelect('Order');
  mountRecord('Account');
  mountRecord('Order');
  refreshStatus();
  setInterval(refreshStatus, 3000);
})();
