/**
 * What a user (or the parent page, through the vendor's SDK) can do to the workbook beyond its
 * controls, each answered with the outbound event the SDK defines: selecting an element or the
 * page, full screen, bookmarks, explore, save as, publish, an action that sends a row to the app,
 * and the URL that follows. Payloads are the SDK's TypeScript types (@sigmacomputing/embed-sdk).
 */
import { type EmbedMessage } from './bridge'
import { h } from './dom'

export interface ElementNode {
  nodeId: string
  title: string
  card: HTMLElement
  head: HTMLElement
}

export interface InteractionContext {
  post(message: EmbedMessage): void
  note(text: string): void
  workbookId: string
  pageId: string
  versionTag: string | null
  elements: ElementNode[]
  /** The page tab, for selecting the page. */
  pageTab: HTMLElement | null
  /** Where the bookmark controls go (the menu), or null with `:hide_bookmarks` or no menu. */
  bookmarkBar: HTMLElement | null
  variables(): Record<string, string>
  setVariables(variables: Record<string, string>): void
}

interface Bookmark {
  bookmarkId: string
  bookmarkName: string
  variables: Record<string, string>
  isDefault: boolean
  isShared: boolean
}

// getRandomValues, not randomUUID: a frame under an http parent is not a secure context.
const randomId = (prefix: string) =>
  `${prefix}-${[...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('')}`

export function wireInteractions(ctx: InteractionContext) {
  const bookmarks: Bookmark[] = []
  let current: Bookmark | null = null
  let fullScreenNode: string | null = null
  let exploreKey: string | null = null

  const bookmarkFields = (b: Bookmark | null) => ({
    bookmarkName: b?.bookmarkName ?? null,
    workbookId: ctx.workbookId,
    versionTagName: ctx.versionTag,
    bookmarkId: b?.bookmarkId ?? null
  })

  /**
   * The embed's URL for the state on screen: the display parameters it came with (raw, as sent),
   * the bookmark, the control values; never the one-time parts (nonce, signature, JWT, time).
   */
  function urlChanged(): void {
    const signedParts =
      /^(?::|%3A)(?:nonce|signature|jwt|time|client_id|mode|session_length|email|external_user_id|external_user_team|account_type|bookmark)=/i
    const kept = location.search
      .slice(1)
      .split('&')
      .filter((pair) => pair && /^(?::|%3A)/i.test(pair) && !signedParts.test(pair))
    const controls = Object.entries(ctx.variables())
      .filter(([, value]) => value)
      .map(([id, value]) => `${id}=${encodeURIComponent(value)}`)
    const query = [...kept, ...(current ? [`:bookmark=${current.bookmarkId}`] : []), ...controls].join('&')
    ctx.post({ type: 'url:onchange', url: `${location.origin}${location.pathname}${query ? `?${query}` : ''}` })
  }

  // --- selection: an element or the page
  function select(nodeId: string | null, nodeType: 'element' | 'page' | null): void {
    for (const e of ctx.elements) e.card.classList.toggle('is-selected-node', e.nodeId === nodeId)
    ctx.post({ type: 'workbook:selectednodeid:onchange', selectedNodeId: nodeId, nodeType })
  }
  for (const e of ctx.elements) {
    e.card.addEventListener('click', (event) => {
      if ((event.target as Element).closest('button')) return
      if (!e.card.classList.contains('is-selected-node')) select(e.nodeId, 'element')
    })
  }
  ctx.pageTab?.addEventListener('click', () => select(ctx.pageId, 'page'))

  // --- full screen of one element
  function fullScreen(nodeId: string | null): void {
    fullScreenNode = ctx.elements.some((e) => e.nodeId === nodeId) ? nodeId : null
    for (const e of ctx.elements) e.card.classList.toggle('is-fullscreen', e.nodeId === fullScreenNode)
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-testid="fullscreen-toggle"]'))
      button.setAttribute('aria-pressed', String(button.dataset.node === fullScreenNode))
    ctx.post({ type: 'workbook:fullscreen:onchange', fullScreen: fullScreenNode !== null })
  }
  for (const e of ctx.elements) {
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'ewb-btn ewb-btn-small ewb-fullscreen-toggle',
        testid: 'fullscreen-toggle',
        'data-node': e.nodeId,
        'aria-pressed': 'false',
        'aria-label': `Full screen: ${e.title}`,
        title: 'Full screen'
      },
      '⤢'
    )
    toggle.addEventListener('click', () => fullScreen(fullScreenNode === e.nodeId ? null : e.nodeId))
    e.head.append(toggle)
  }

  // --- bookmarks
  const picker = h('select', {
    class: 'ewb-select ewb-bookmark-select',
    testid: 'bookmark-select',
    'aria-label': 'Bookmark'
  })
  const renderPicker = () => {
    picker.replaceChildren(
      h('option', { value: '' }, 'Original view'),
      ...bookmarks.map((b) => h('option', { value: b.bookmarkId }, b.bookmarkName))
    )
    picker.value = current?.bookmarkId ?? ''
  }
  function createBookmark(name: string, isDefault = false, isShared = false): void {
    const bookmark: Bookmark = {
      bookmarkId: randomId('bookmark'),
      bookmarkName: name,
      variables: ctx.variables(),
      isDefault,
      isShared
    }
    bookmarks.push(bookmark)
    current = bookmark
    renderPicker()
    ctx.post({ type: 'workbook:bookmark:oncreate', ...bookmarkFields(bookmark) })
    ctx.post({ type: 'workbook:bookmark:onchange', ...bookmarkFields(bookmark) })
    urlChanged()
  }
  function selectBookmark(id: string | undefined): void {
    current = bookmarks.find((b) => b.bookmarkId === id) ?? null
    if (current) ctx.setVariables(current.variables)
    renderPicker()
    ctx.post({ type: 'workbook:bookmark:onchange', ...bookmarkFields(current) })
    urlChanged()
  }
  function updateBookmark(): void {
    if (!current) return ctx.note('No bookmark is selected to update.')
    current.variables = ctx.variables()
    ctx.post({
      type: 'workbook:bookmark:onupdate',
      ...bookmarkFields(current),
      isDefault: current.isDefault,
      isShared: current.isShared
    })
  }
  function deleteBookmark(id: string): void {
    const gone = bookmarks.find((b) => b.bookmarkId === id)
    if (!gone) return ctx.note('There is no such bookmark to delete.')
    bookmarks.splice(bookmarks.indexOf(gone), 1)
    ctx.post({ type: 'workbook:bookmark:ondelete', ...bookmarkFields(gone) })
    if (current === gone) selectBookmark(undefined)
    else renderPicker()
  }
  if (ctx.bookmarkBar) {
    renderPicker()
    picker.addEventListener('change', () => selectBookmark(picker.value || undefined))
    const save = h(
      'button',
      { type: 'button', class: 'ewb-btn ewb-btn-small', testid: 'bookmark-save' },
      'Save bookmark'
    )
    save.addEventListener('click', () => createBookmark(`Bookmark ${bookmarks.length + 1}`))
    const update = h('button', { type: 'button', class: 'ewb-btn ewb-btn-small', testid: 'bookmark-update' }, 'Update')
    update.addEventListener('click', updateBookmark)
    const remove = h('button', { type: 'button', class: 'ewb-btn ewb-btn-small', testid: 'bookmark-delete' }, 'Delete')
    remove.addEventListener('click', () => current && deleteBookmark(current.bookmarkId))
    ctx.bookmarkBar.append(h('div', { class: 'ewb-bookmarks' }, picker, save, update, remove))
  }

  return {
    urlChanged,
    /** Explore on and off: a new explore key, then none. */
    toggleExplore(): void {
      exploreKey = exploreKey ? null : randomId('explore')
      ctx.post({ type: 'workbook:exploreKey:onchange', exploreKey })
      ctx.note(exploreKey ? 'Exploring (the emulator shows the same view).' : 'Explore closed.')
    },
    saveAs(): void {
      const id = randomId('workbook')
      ctx.post({ type: 'workbook:id:onchange', id })
      ctx.note('Saved as a copy. The emulator keeps no copy; the parent got the new workbook id.')
    },
    publish(): void {
      ctx.post({ type: 'workbook:published', workbookId: ctx.workbookId })
      ctx.note('Published.')
    },
    /** A workbook action set to "generate an iframe event": the selected row, by column name. */
    sendRow(name: string, values: Record<string, unknown>): void {
      ctx.post({ type: 'action:outbound', name, values })
    },
    /** The inbound mutations the SDK sends; false for a type it does not define (left alone). */
    handle(message: EmbedMessage): boolean {
      switch (message.type) {
        case 'workbook:bookmark:create':
          createBookmark(
            typeof message['name'] === 'string' && message['name']
              ? message['name']
              : `Bookmark ${bookmarks.length + 1}`,
            message['isDefault'] === true,
            message['isShared'] === true
          )
          return true
        case 'workbook:bookmark:update':
          updateBookmark()
          return true
        case 'workbook:bookmark:select':
          selectBookmark(typeof message['bookmarkId'] === 'string' ? message['bookmarkId'] : undefined)
          return true
        case 'workbook:bookmark:delete':
          if (typeof message['bookmarkId'] === 'string') deleteBookmark(message['bookmarkId'])
          return true
        case 'workbook:fullscreen:update':
          fullScreen(typeof message['nodeId'] === 'string' ? message['nodeId'] : null)
          return true
        case 'workbook:selectednodeid:update': {
          const nodeType = message['nodeType'] === 'page' ? 'page' : 'element'
          const id = typeof message['selectedNodeId'] === 'string' ? message['selectedNodeId'] : null
          select(id, id === null ? null : nodeType)
          return true
        }
        case 'workbook:sharinglink:update': {
          const link = typeof message['sharingLink'] === 'string' ? message['sharingLink'] : null
          ctx.note(link ? `Share links now point at ${link}` : 'Share links use the host again.')
          return true
        }
        default:
          return false
      }
    }
  }
}

export type Interactions = ReturnType<typeof wireInteractions>
