// The wording of rules and citations is shared with the bundle's chronology (shared/deadline-words.ts).
export { citationLine, loc, ruleLang } from '../../../../shared/deadline-words';
