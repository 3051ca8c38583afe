import type { ReactNode } from 'react'

export interface Column {
  label: ReactNode
  /** Class of the <col> (its width). */
  col?: string
  /** Class of the header cell. */
  className?: string
}

/** The <colgroup> and <thead> of a data table, from one list of columns. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <>
      <colgroup>
        {columns.map((column, index) => (
          <col key={index} className={column.col} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={column.className}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  )
}
