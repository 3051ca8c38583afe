import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Persona } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button, CreateActions } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { EmptyState } from '../../ui/EmptyState'
import { FormError } from '../../ui/FormError'
import { placeError, useFormErrors } from '../../ui/formErrors'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { Spinner } from '../../ui/Spinner'
import { SaveState } from '../../ui/SaveState'
import { useEditorShell } from '../../ui/useEditorShell'
import { usePendingCall } from '../../ui/usePendingCall'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { emptyPersonaDraft, personaFieldNames, sameDraft, toDraft, toInput, type PersonaDraft } from './personaDraft'
import { PersonaForm, personaControlId } from './PersonaForm'
import { PersonaList } from './PersonaList'
import { ExportPersonasDialog, ImportPersonasDialog } from './PersonaTransferDialogs'
import './personas.css'

type Selection = { kind: 'persona'; id: string } | { kind: 'new' } | null
type Dialog = { kind: 'import' } | { kind: 'export' } | { kind: 'delete'; persona: Persona }

export function PersonasScreen() {
  const { noticeFailure } = useVault()
  const [personas, setPersonas] = useState<Persona[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [selection, setSelection] = useState<Selection>(null)
  const [draft, setDraft] = useState<PersonaDraft>(emptyPersonaDraft)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [saving, setSaving] = useState(false)
  const [importResult, setImportResult] = useState<{ count: number; notices: string[] } | null>(null)
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const duplicating = usePendingCall()

  const selected =
    selection?.kind === 'persona' ? (personas?.find((persona) => persona.id === selection.id) ?? null) : null
  const baseline = useMemo(() => (selected ? toDraft(selected) : emptyPersonaDraft), [selected])
  const editing = selection?.kind === 'new' || selected !== null
  const dirty = editing && !sameDraft(draft, baseline)
  const draftName = draft.name.trim() || baseline.name || 'New persona'

  // Ctrl/Cmd+S and +N, the leave guard, "Save changes?" and the short "Saved". A new persona
  // without edits has nothing to save (its Save button is off too), hence isNew: false.
  const { savedAt, setSavedAt, markSaved, requestFocus, guarded, submit, unsavedDialog } = useEditorShell({
    dirty,
    isNew: false,
    what: draftName,
    save: () => save(),
    onNew: () => showNew(),
    focus: (field: string) => document.getElementById(personaControlId(field))?.focus()
  })

  /** Shows a persona (or a blank new one) in the form, dropping the current draft. */
  const show = useCallback(
    (next: Selection, list: Persona[] | null) => {
      const persona = next?.kind === 'persona' ? list?.find((item) => item.id === next.id) : undefined
      setSelection(persona || next?.kind === 'new' ? next : null)
      setDraft(persona ? toDraft(persona) : emptyPersonaDraft)
      setSavedAt(null)
      clear()
    },
    [clear, setSavedAt]
  )

  const load = useCallback(async (): Promise<Persona[] | null> => {
    const result = await call(() => workbench.listPersonas({}))
    if (!result.ok) {
      setLoadError(result.error.message)
      noticeFailure(result.error.code)
      return null
    }
    setPersonas(result.value)
    setLoadError(null)
    return result.value
  }, [noticeFailure])

  // Once: load the list and show the first persona.
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void load().then((list) => {
      const first = list?.[0]
      if (first) show({ kind: 'persona', id: first.id }, list)
    })
  }, [load, show])

  const save = async (): Promise<boolean> => {
    if (saving || !editing) return false
    setSaving(true)
    clear()
    const input = toInput(draft)
    const result = await call(() =>
      selection?.kind === 'persona'
        ? workbench.updatePersona({ id: selection.id, persona: input })
        : workbench.createPersona(input)
    )
    setSaving(false)
    if (result.ok) {
      const saved = result.value
      setPersonas((current) => {
        const list = current ?? []
        return list.some((persona) => persona.id === saved.id)
          ? list.map((persona) => (persona.id === saved.id ? saved : persona))
          : [...list, saved]
      })
      setSelection({ kind: 'persona', id: saved.id })
      setDraft(toDraft(saved))
      markSaved()
      return true
    }
    if (result.error.code === 'PERSONA_NOT_FOUND') void load()
    const placed = placeError(result.error, personaFieldNames)
    setErrors(placed)
    noticeFailure(result.error.code)
    const field = Object.keys(placed.fields)[0]
    if (field) requestFocus(field)
    return false
  }

  /** A blank new persona in the form, its name focused. */
  const showNew = () => {
    show({ kind: 'new' }, personas)
    window.setTimeout(() => document.getElementById(personaControlId('name'))?.focus())
  }
  const startNew = () => guarded(showNew)

  const duplicate = (persona: Persona) =>
    guarded(
      () =>
        void duplicating.run(
          () => workbench.duplicatePersona({ id: persona.id }),
          (copy) => {
            const list = personas ?? []
            const index = list.findIndex((item) => item.id === persona.id)
            const next = [...list.slice(0, index + 1), copy, ...list.slice(index + 1)]
            setPersonas(next)
            show({ kind: 'persona', id: copy.id }, next)
          },
          (failure) => {
            noticeFailure(failure.code)
            if (failure.code === 'PERSONA_NOT_FOUND') void load()
          }
        )
    )

  const afterDelete = (id: string) => {
    const list = personas ?? []
    const index = list.findIndex((persona) => persona.id === id)
    const next = list.filter((persona) => persona.id !== id)
    setPersonas(next)
    const neighbour = next[Math.min(index, next.length - 1)]
    show(neighbour ? { kind: 'persona', id: neighbour.id } : null, next)
    window.setTimeout(() =>
      document.getElementById(neighbour ? `persona-row-${neighbour.id}` : 'main-content')?.focus()
    )
  }

  const isNew = selection?.kind === 'new'
  const openImport = () => setDialog({ kind: 'import' })
  return (
    <div className="screen" data-testid="personas-screen">
      <ScreenHeader
        title="Personas"
        subtitle="Who the embed user is: email, teams, account type and user attributes. Personas hold no secret."
        actions={
          <>
            <Button
              icon="export"
              onClick={() => setDialog({ kind: 'export' })}
              disabled={!personas?.length}
              testId="export-personas"
            >
              Export all
            </Button>
            <CreateActions
              noun="persona"
              onNew={startNew}
              onImport={openImport}
              newTestId="new-persona"
              importTestId="import-personas"
              inHeader
            />
          </>
        }
      />
      {loadError || importResult ? (
        <div className="personas-screen-banners">
          {loadError ? (
            <LoadErrorBanner
              title="Could not load personas"
              message={loadError}
              onRetry={() => void load()}
              testId="load-error"
            />
          ) : null}
          {importResult ? (
            <Banner
              tone="success"
              title={`Imported ${importResult.count} ${importResult.count === 1 ? 'persona' : 'personas'}`}
              testId="import-result"
              onDismiss={() => setImportResult(null)}
            >
              {importResult.notices.length ? (
                <ul className="personas-notice-list">
                  {importResult.notices.map((notice) => (
                    <li key={notice} data-testid="import-notice">
                      {notice}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Banner>
          ) : null}
        </div>
      ) : null}

      {personas === null ? (
        loadError ? null : (
          <div className="screen-body">
            <Spinner label="Loading personas…" />
          </div>
        )
      ) : personas.length === 0 && !isNew ? (
        <div className="screen-body">
          <EmptyState
            icon="users"
            title="No personas yet"
            testId="personas-empty"
            actions={
              <CreateActions
                noun="persona"
                onNew={startNew}
                onImport={openImport}
                newTestId="empty-new-persona"
                importTestId="empty-import-personas"
                importLabel="Import personas"
              />
            }
          >
            A persona is who the embed user is: an email, an external user id, teams, an account type and user
            attributes. Sign screens the same embed as each persona to check what they may see.
          </EmptyState>
        </div>
      ) : (
        <div className="personas-master-detail">
          <PersonaList
            personas={personas}
            selectedId={selection?.kind === 'persona' ? selection.id : null}
            draftName={isNew ? draft.name : null}
            dirty={dirty}
            onSelect={(id) => {
              if (selection?.kind !== 'persona' || selection.id !== id)
                guarded(() => show({ kind: 'persona', id }, personas))
            }}
          />
          <div className="personas-detail-pane">
            {editing ? (
              <form
                className="personas-detail-form"
                onSubmit={submit}
                noValidate
                autoComplete="off"
                data-testid="persona-form"
                data-dirty={dirty}
              >
                <div className="personas-detail-toolbar">
                  <div className="personas-detail-title">
                    <h2 className="section-title" data-testid="persona-title">
                      {isNew ? draft.name.trim() || 'New persona' : baseline.name}
                    </h2>
                    <SaveState dirty={dirty} isNew={isNew} savedAt={savedAt} />
                  </div>
                  <div className="personas-detail-actions">
                    {duplicating.pending ? <Spinner label="Duplicating…" /> : null}
                    {saving ? <Spinner label="Saving…" /> : null}
                    {isNew ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => show(personas[0] ? { kind: 'persona', id: personas[0].id } : null, personas)}
                        disabled={saving}
                        testId="cancel-new-persona"
                      >
                        Discard
                      </Button>
                    ) : selected ? (
                      <>
                        {dirty ? (
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => show(selection, personas)}
                            disabled={saving}
                            testId="revert-persona"
                            title="Drop the unsaved edits"
                          >
                            Revert
                          </Button>
                        ) : null}
                        <Button
                          size="sm"
                          icon="copy"
                          onClick={() => duplicate(selected)}
                          disabled={saving || duplicating.pending}
                          testId="duplicate-persona"
                        >
                          Duplicate
                        </Button>
                        <Button
                          size="sm"
                          icon="trash"
                          variant="danger"
                          onClick={() => setDialog({ kind: 'delete', persona: selected })}
                          disabled={saving}
                          testId="delete-persona"
                        >
                          Delete
                        </Button>
                      </>
                    ) : null}
                    <Button
                      type="submit"
                      size="sm"
                      icon="save"
                      variant="primary"
                      disabled={saving || !dirty}
                      testId="save-persona"
                      title={`Save (${shortcutLabel('S')})`}
                      shortcut={shortcutLabel('S')}
                    >
                      Save
                    </Button>
                  </div>
                </div>
                <div className="personas-detail-body">
                  <FormError message={errors.form ?? duplicating.error} />
                  <PersonaForm
                    draft={draft}
                    onChange={setDraft}
                    errors={errors}
                    clearField={clearField}
                    readOnly={saving}
                  />
                </div>
              </form>
            ) : (
              <div className="personas-detail-empty muted">Select a persona, or make a new one.</div>
            )}
          </div>
        </div>
      )}

      {unsavedDialog}

      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete “${dialog.persona.name}”?`}
          confirmLabel="Delete persona"
          pendingLabel="Deleting…"
          tone="danger"
          action={() => workbench.deletePersona({ id: dialog.persona.id })}
          onFailure={(failure) => noticeFailure(failure.code)}
          onCancel={() => setDialog(null)}
          onDone={({ id }) => {
            setDialog(null)
            afterDelete(id)
          }}
        >
          <p>
            The persona is removed from this workbench. Embeds already signed for it keep working until they expire.
          </p>
          <p className="muted">Export it first if you may want it back.</p>
        </ConfirmDialog>
      ) : null}

      {dialog?.kind === 'export' ? (
        <ExportPersonasDialog onClose={() => setDialog(null)} unsavedName={dirty ? draftName : null} />
      ) : null}

      {dialog?.kind === 'import' ? (
        <ImportPersonasDialog
          onCancel={() => setDialog(null)}
          onImported={({ imported, notices }) => {
            setDialog(null)
            setImportResult({ count: imported.length, notices })
            void load().then((list) => {
              const first = imported[0]
              // Show the first imported persona, unless that would drop unsaved edits.
              if (first && list && !dirty) show({ kind: 'persona', id: first.id }, list)
            })
          }}
        />
      ) : null}
    </div>
  )
}
