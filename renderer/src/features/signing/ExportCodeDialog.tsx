import { useEffect, useState } from 'react'
import type { CodegenLanguage, EmbedOptions, GeneratedProgram, SigningMethod } from '../../../../preload/contract'
import { codegenLanguages } from '../../../../preload/contract/constants'
import { call, workbench } from '../../app/bridge'
import { Button } from '../../ui/Button'
import { CopyButton } from '../../ui/CopyButton'
import { Modal } from '../../ui/Modal'
import { saveAsFile } from '../../ui/saveAsFile'
import { Spinner } from '../../ui/Spinner'

const labels: Record<CodegenLanguage, string> = {
  node: 'Node.js · Express + jsonwebtoken',
  python: 'Python · Flask + PyJWT',
  java: 'Java · jjwt',
  csharp: 'C# · System.IdentityModel.Tokens.Jwt',
  go: 'Go · golang-jwt',
  ruby: 'Ruby · Sinatra + jwt',
  php: 'PHP · firebase/php-jwt'
}
/** Which programs the test suite runs and loads in the emulator (the others are generated only). */
const runByTests: readonly CodegenLanguage[] = ['node', 'python', 'ruby']
const storageKey = 'ewb-codegen-language'

interface ExportCodeDialogProps {
  method: SigningMethod
  credentialId: string
  personaId: string
  personaName: string
  /** The options as they were when the dialog opened (one object, so the program is written once). */
  options: EmbedOptions
  onClose: () => void
}

/** The embed API for what is on Sign, as a program in the customer's language (no secret inside). */
export function ExportCodeDialog({
  method,
  credentialId,
  personaId,
  personaName,
  options,
  onClose
}: ExportCodeDialogProps) {
  const [language, setLanguage] = useState<CodegenLanguage>(() => {
    const stored = localStorage.getItem(storageKey)
    return codegenLanguages.find((l) => l === stored) ?? 'node'
  })
  const [program, setProgram] = useState<GeneratedProgram | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    void call(() => workbench.exportEmbedCode({ language, method, credentialId, personaId, options })).then(
      (result) => {
        if (!current) return
        if (result.ok) {
          setProgram(result.value)
          setError(null)
        } else setError(result.error.message)
      }
    )
    return () => {
      current = false
    }
  }, [language, method, credentialId, personaId, options])

  const shown = program?.language === language ? program : null
  return (
    <Modal
      title="Embed API code"
      description={
        <>
          The {method === 'jwt' ? 'JWT' : 'signed URL'} embed for <strong>{personaName}</strong>, as a program that
          reads its secret from <code>EMBED_SECRET</code>: the secret is never in the code.
        </>
      }
      onClose={onClose}
      size="lg"
      testId="export-code-dialog"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          {shown ? (
            <>
              <CopyButton value={shown.code} label="Copy the program" text="Copy" testId="export-code-copy" />
              <Button
                variant="primary"
                icon="export"
                onClick={() => saveAsFile(shown.fileName, shown.code, 'text/plain')}
                testId="export-code-save"
              >
                Save {shown.fileName}
              </Button>
            </>
          ) : null}
        </>
      }
    >
      <label className="field">
        <span className="field-label">Language</span>
        <select
          className="input select"
          value={language}
          onChange={(event) => {
            const next = event.target.value as CodegenLanguage
            setLanguage(next)
            localStorage.setItem(storageKey, next)
          }}
          data-testid="export-code-language"
        >
          {codegenLanguages.map((l) => (
            <option key={l} value={l}>
              {labels[l]}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p className="field-error" role="alert" data-testid="export-code-error">
          {error}
        </p>
      ) : !shown ? (
        <Spinner label="Writing the program…" />
      ) : (
        <>
          <p className="muted small signing-code-how" data-testid="export-code-how">
            Install: <code>{shown.install}</code> · Run: <code>{shown.run}</code> ·{' '}
            {runByTests.includes(shown.language)
              ? 'the test suite runs this program and loads its URL in the emulator.'
              : 'generated only: the test suite cannot install its toolchain here.'}
          </p>
          <pre className="code-box mono signing-code" data-testid="export-code-text" tabIndex={0}>
            {shown.code}
          </pre>
        </>
      )}
    </Modal>
  )
}
