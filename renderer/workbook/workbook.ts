/**
 * The emulated "Plugs Sales" workbook the emulator serves into preview frames. The emulator injects
 * its verdict as JSON (`#ewb-bootstrap`): either the host's error, or the session (who, what they
 * may do, display options) with the rows row-level security lets them see. Events travel to the
 * host page by postMessage, as the real host's do (docs: "Events between the embed and the host page").
 */
import './workbook.css'
import './workbook-cards.css'
import './workbook-states.css'
import { onParentMessage, post } from './bridge'
import { CHART_NODE_ID, createChart, type Chart } from './chart'
import { h, setTooltips } from './dom'
import { downloadCsv } from './download'
import { watchExpiry } from './expiry'
import { formatInteger } from './format'
import { noticeCard } from './notice'
import { columns, createTable, TABLE_NODE_ID, type Table } from './table'
import type { Bootstrap, Control, SalesRow, Session, Variables } from './types'
import { wireInteractions, type Interactions } from './interactions'
import { applyTheme, controlValue, rlsBadge, scopeOf } from './page-parts'
import { createPivot, PIVOT_NODE_ID, PIVOT_TITLE } from './pivot'

const SESSION_EXPIRED = 'Session expired. Reload the page.'
const root = document.getElementById('workbook') ?? document.body.appendChild(document.createElement('div'))

function readBootstrap(): Bootstrap | null {
  const text = document.getElementById('ewb-bootstrap')?.textContent
  if (!text) return null
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Bootstrap) : null
  } catch {
    return null
  }
}

/** The refusal, with its code unless the doc page shows the message without one. */
function showHostError(code: string | null, message: string): void {
  document.documentElement.classList.add('ewb-theme-light')
  root.replaceChildren(noticeCard({ message, code, messageTestId: 'host-error-message' }))
  post(code === null ? { type: 'workbook:error', message } : { type: 'workbook:error', code, message })
}

function startWorkbook(bootstrap: Bootstrap, session: Session): void {
  const hide = new Set(session.display.hide)
  setTooltips(!hide.has(':hide_tooltip'))
  const { customName } = applyTheme(session.display.theme)
  const html = document.documentElement
  if (session.display.responsiveHeight) html.classList.add('ewb-responsive')
  document.title = session.workbookName

  const scope = scopeOf(session)
  const controls = bootstrap.controls
  const rows = bootstrap.rows
  const variables: Variables = Object.fromEntries(
    controls.map((c) => [c.id, controlValue(session.controls[c.id]) ?? null])
  )
  const visibleRows = (): SalesRow[] =>
    rows.filter((row) =>
      controls.every(
        (c) =>
          variables[c.id] === null ||
          variables[c.id] === undefined ||
          String(row[c.column as keyof SalesRow]) === variables[c.id]
      )
    )
  // As the SDK types them (Record<string, string>): a control with no value is "", never null.
  const currentVariables = (): Record<string, string> =>
    Object.fromEntries(Object.entries(variables).map(([id, value]) => [id, value ?? '']))

  // --- beyond the controls (interactions.ts), wired once the cards exist
  let interactions: Interactions | null = null
  let selectedRow: SalesRow | null = null

  // --- controls
  const selects: { control: Control; select: HTMLSelectElement }[] = []
  const changed = () => {
    refresh(true)
    post({ type: 'workbook:variables:onchange', workbook: { variables: currentVariables() } })
    interactions?.urlChanged()
  }
  function controlField(control: Control): HTMLElement {
    const select = h('select', {
      class: 'ewb-select',
      testid: `control-${control.id}`,
      'data-control-id': control.id,
      name: control.id
    })
    select.addEventListener('change', () => {
      variables[control.id] = select.value === '' ? null : select.value
      changed()
    })
    selects.push({ control, select })
    return h('label', { class: 'ewb-control' }, h('span', { class: 'ewb-control-label' }, control.name), select)
  }
  function syncControls(): void {
    for (const { control, select } of selects) {
      const value = variables[control.id] ?? null
      // A value set from the URL or the host page that is not in the list still shows (and matches nothing).
      const options = value !== null && !control.options.includes(value) ? [...control.options, value] : control.options
      const wanted = ['', ...options].join('\u0000')
      if (select.dataset.options !== wanted) {
        select.replaceChildren(h('option', { value: '' }, 'All'), ...options.map((o) => h('option', { value: o }, o)))
        select.dataset.options = wanted
      }
      select.value = value ?? ''
    }
  }

  // --- elements
  const chart: Chart | null =
    scope === 'workbook' || scope === 'page' || scope === 'chart'
      ? createChart({
          regionOrder: controls.find((c) => c.column === 'region')?.options ?? [],
          // The SDK's WorkbookChartValueSelectEvent: the values of the mark, by column name.
          onSelect: (region) =>
            post({
              type: 'workbook:chart:onvalueselect',
              nodeId: CHART_NODE_ID,
              title: 'Revenue by region',
              values: [{ Region: region }]
            })
        })
      : null
  const table: Table | null =
    scope === 'workbook' || scope === 'page' || scope === 'table'
      ? createTable({
          onCellSelect: (cell) => {
            selectedRow = cell.row
            sendRow.disabled = false
            // The SDK's WorkbookTableCellSelectEvent: a value cell with its column's name and row.
            post({
              type: 'workbook:table:oncellselect',
              nodeId: TABLE_NODE_ID,
              title: 'Sales',
              cells: [
                {
                  value: cell.value,
                  cellType: 'valueCell',
                  columnName: columns.find((c) => c.key === cell.column)?.label ?? cell.column,
                  underlyingData: { rows: [{ ...cell.row }], isTruncated: false, length: 1 }
                }
              ]
            })
          }
        })
      : null
  const pivot =
    scope === 'workbook' || scope === 'page' || scope === 'pivot'
      ? createPivot({
          regions: controls.find((c) => c.column === 'region')?.options ?? [],
          products: [...new Set(rows.map((r) => r.product))].sort(),
          // The SDK's WorkbookPivotTableCellSelectEvent.
          onCellSelect: (cell) =>
            post({ type: 'workbook:pivottable:oncellselect', nodeId: PIVOT_NODE_ID, title: PIVOT_TITLE, cells: [cell] })
        })
      : null
  // A workbook action that sends the selected row to the parent (action:outbound).
  const sendRow = h(
    'button',
    {
      type: 'button',
      class: 'ewb-btn ewb-btn-small',
      testid: 'action-send-row',
      disabled: true,
      title: 'Workbook action: send the selected row to the app (action:outbound)'
    },
    'Send to app'
  )
  sendRow.addEventListener('click', () => {
    if (!selectedRow) return
    const row = selectedRow
    interactions?.sendRow('Send to app', Object.fromEntries(columns.map((c) => [c.label, row[c.key]])))
  })
  table?.head.append(sendRow)
  let chartWasEmpty = false
  function refresh(resetPage: boolean): void {
    const visible = visibleRows()
    chart?.update(visible)
    pivot?.update(visible)
    // The chart has nothing to draw: the SDK's workbook:chart:error (code and message are the emulator's).
    if (chart && !visible.length && !chartWasEmpty)
      post({
        type: 'workbook:chart:error',
        nodeId: CHART_NODE_ID,
        code: 'NO_DATA',
        message: 'No data for the current control values.'
      })
    chartWasEmpty = !visible.length
    table?.update(visible, rows.length, resetPage)
    syncControls()
  }

  // --- toast for the actions the emulator only shows
  const toast = h('div', {
    class: 'ewb-toast',
    role: 'status',
    'aria-live': 'polite',
    testid: 'workbook-note',
    hidden: true
  })
  let toastTimer: ReturnType<typeof setTimeout> | undefined
  const note = (text: string) => {
    toast.textContent = text
    toast.hidden = false
    clearTimeout(toastTimer)
    toastTimer = setTimeout(() => (toast.hidden = true), 4000)
  }
  const themeNote =
    customName !== null
      ? h(
          'span',
          {
            class: 'ewb-theme-note',
            testid: 'theme-note',
            title: 'The emulator shows custom themes with the Light palette.'
          },
          `custom theme ${customName}`
        )
      : null

  const app = h('div', { class: `ewb-app ewb-scope-${scope}` })
  let pageTab: HTMLElement | null = null
  let bookmarkBar: HTMLElement | null = null
  if (scope === 'workbook' || scope === 'page') {
    const permissions = new Set(session.permissions)
    const button = (testid: string, label: string, onClick: () => void, tip: string) => {
      const b = h('button', { type: 'button', class: 'ewb-btn', testid, title: tip }, label)
      b.addEventListener('click', onClick)
      return b
    }
    const notEmulated = (what: string) => () =>
      note(`${what} is allowed for this user. The emulator doesn't emulate it.`)
    const actions = h(
      'div',
      { class: 'ewb-actions', testid: 'workbook-actions' },
      permissions.has('explore') &&
        button(
          'action-explore',
          'Explore',
          () => interactions?.toggleExplore(),
          'Explore this workbook (permission: explore)'
        ),
      permissions.has('edit') &&
        button('action-edit', 'Edit', notEmulated('Editing'), 'Edit this workbook (permission: edit)'),
      permissions.has('edit') &&
        button('action-save-as', 'Save as', () => interactions?.saveAs(), 'Save a copy (permission: edit)'),
      permissions.has('edit') &&
        button('action-publish', 'Publish', () => interactions?.publish(), 'Publish the draft (permission: edit)'),
      permissions.has('download') &&
        button(
          'action-download',
          'Download',
          () => {
            const visible = visibleRows()
            downloadCsv(visible, 'plugs-sales.csv')
            note(
              `Downloading ${formatInteger(visible.length)} ${visible.length === 1 ? 'row' : 'rows'} as plugs-sales.csv`
            )
          },
          'Download the rows as CSV (permission: download)'
        )
    )
    const { identity } = session
    const name = [identity.firstName, identity.lastName].filter(Boolean).join(' ') || identity.email
    const words = (
      identity.firstName || identity.lastName
        ? [identity.firstName, identity.lastName]
        : (identity.email.split('@')[0] ?? '').split(/[._+-]+/)
    ).filter(Boolean)
    const initials =
      words
        .map((w) => w[0]!)
        .join('')
        .slice(0, 2)
        .toUpperCase() || '?'
    const user = h(
      'div',
      {
        class: 'ewb-user-block',
        title: `${identity.email}\nTeams: ${identity.teams.join(', ') || 'none'}\nPermissions: ${session.permissions.join(', ') || 'none'}`
      },
      h('span', { class: 'ewb-avatar', 'aria-hidden': 'true' }, initials),
      h(
        'div',
        { class: 'ewb-user', testid: 'embed-user' },
        h('span', { class: 'ewb-user-name' }, name),
        h('span', { class: 'ewb-user-type' }, identity.accountType ?? 'No account type')
      )
    )
    const hideName = hide.has(':hide_workbook_name')
    const page = scope === 'page' ? (session.pageName ?? session.pageId) : null
    const title = h(
      'div',
      { class: 'ewb-title-group' },
      !hideName &&
        h('h1', { class: 'ewb-title', testid: 'workbook-name', title: session.workbookName }, session.workbookName),
      !hideName && page && h('span', { class: 'ewb-title-sep', 'aria-hidden': 'true' }, '›'),
      page && h('span', { class: 'ewb-title-page', testid: 'page-name' }, page),
      h(
        'span',
        {
          class: 'ewb-chip',
          testid: 'workbook-version',
          title: session.tag ? `Version tag "${session.tag}"` : 'The newest published version (no tag in the URL)'
        },
        session.tag ? `${session.tag} · v${session.version}` : `v${session.version}`
      )
    )
    const header = h(
      'header',
      { class: 'ewb-header', testid: 'workbook-header' },
      title,
      h('div', { class: 'ewb-header-end' }, actions.childElementCount ? actions : null, themeNote, user)
    )

    const position =
      hide.has(':hide_menu') || session.display.menuPosition === 'none'
        ? 'none'
        : session.display.menuPosition === 'top'
          ? 'top'
          : 'bottom'
    const menu =
      position === 'none'
        ? null
        : h(
            'nav',
            {
              class: `ewb-menu ewb-menu-${position}`,
              testid: 'menu-bar',
              'data-position': position,
              'aria-label': 'Workbook menu'
            },
            h(
              'div',
              { class: 'ewb-tabs', role: 'tablist' },
              (pageTab = h(
                'span',
                { class: 'ewb-tab is-active', role: 'tab', 'aria-selected': 'true', testid: 'page-tab' },
                session.pageName ?? 'Dashboard'
              ))
            ),
            hide.has(':hide_bookmarks') ? null : (bookmarkBar = h('div', { class: 'ewb-menu-bookmarks' })),
            h(
              'span',
              { class: 'ewb-menu-note', title: 'Served by the local embed host emulator' },
              'Embed Workbench emulator'
            )
          )

    const toolbar = h('div', { class: 'ewb-toolbar' }, ...controls.map(controlField), rlsBadge(bootstrap.rowFilter))
    const grid = h('div', { class: 'ewb-grid' }, chart?.card, table?.card)
    app.append(
      ...[
        header,
        position === 'top' ? menu : null,
        h('main', { class: 'ewb-main' }, toolbar, grid, pivot?.card),
        position === 'bottom' ? menu : null,
        toast
      ].filter((n) => n !== null)
    )
  } else {
    const badge = rlsBadge(bootstrap.rowFilter)
    let card: HTMLElement
    if (scope === 'control') {
      card = h(
        'section',
        { class: 'ewb-card ewb-control-card', 'aria-label': session.elementName ?? 'Controls' },
        h('div', { class: 'ewb-toolbar' }, ...controls.map(controlField), badge)
      )
    } else {
      const element = (chart ?? table ?? pivot)!
      if (badge) element.head.append(badge)
      card = element.card
    }
    app.append(h('main', { class: 'ewb-main ewb-main-element' }, card, themeNote))
  }
  root.replaceChildren(app)
  refresh(true)
  interactions = wireInteractions({
    post,
    note,
    workbookId: session.workbookId,
    pageId: session.pageId ?? 'Dashboard',
    versionTag: session.tag,
    elements: [
      ...(chart ? [{ nodeId: CHART_NODE_ID, title: 'Revenue by region', card: chart.card, head: chart.head }] : []),
      ...(table ? [{ nodeId: TABLE_NODE_ID, title: 'Sales', card: table.card, head: table.head }] : []),
      ...(pivot ? [{ nodeId: PIVOT_NODE_ID, title: PIVOT_TITLE, card: pivot.card, head: pivot.head }] : [])
    ],
    pageTab,
    bookmarkBar,
    variables: currentVariables,
    setVariables: (next) => {
      for (const control of controls) variables[control.id] = controlValue(next[control.id]) ?? null
      changed()
    }
  })

  // --- events
  post({ type: 'workbook:loaded', workbook: { variables: currentVariables() } })
  post({ type: 'workbook:dataloaded' })

  let expired = false
  const stopListening = onParentMessage((message) => {
    if (expired) return
    if (message.type === 'workbook:variables:update') {
      const incoming = message.variables
      if (!incoming || typeof incoming !== 'object' || Array.isArray(incoming)) return
      for (const control of controls) {
        if (!Object.hasOwn(incoming, control.id)) continue
        const value = controlValue((incoming as Record<string, unknown>)[control.id])
        if (value !== undefined) variables[control.id] = value
      }
      changed()
    } else if (message.type === 'workbook:variables:list') {
      post({ type: 'workbook:variables:current', variables: currentVariables() })
    } else interactions?.handle(message)
  })

  if (session.display.responsiveHeight) {
    let last = -1
    const report = () => {
      const pageHeight = document.documentElement.scrollHeight
      if (pageHeight === last) return
      last = pageHeight
      post({ type: 'workbook:pageheight:onchange', pageHeight })
    }
    report()
    const observer = new ResizeObserver(report)
    observer.observe(document.documentElement)
    observer.observe(document.body)
  }

  watchExpiry(session.expiresAt - bootstrap.serverNow, () => {
    expired = true
    stopListening()
    clearTimeout(toastTimer)
    root.replaceChildren(
      // The error-code pages show "Session expired. Reload the page." without a code (ESTALE is a
      // deleted or archived object), so neither the page nor the event carries one.
      noticeCard({ message: SESSION_EXPIRED, code: null, messageTestId: 'session-expired', icon: 'clock' })
    )
    post({ type: 'workbook:error', message: SESSION_EXPIRED })
  })
}

const bootstrap = readBootstrap()
if (!bootstrap) showHostError('UNKNOWN', 'The emulator sent no workbook data with this page.')
else if (bootstrap.error) showHostError(bootstrap.error.code, bootstrap.error.message)
else if (!bootstrap.session) showHostError('UNKNOWN', 'Invalid embed request.')
else startWorkbook(bootstrap, bootstrap.session)
