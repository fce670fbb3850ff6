import type { Handlers } from '../dispatcher';
import type { ProtectionService } from '../../services/protection/protection-service';

type ProtectionHandlers = Pick<Handlers, `protection.${string}` & keyof Handlers>;

export function protectionHandlers(protection: ProtectionService): ProtectionHandlers {
  return {
    'protection.copy': (r) => protection.copy(r.text),
    'protection.panic': () => (protection.panic(), { done: true as const }),
    'protection.erase': () => ({ erased: true as const, filesRemoved: protection.erase().filesRemoved }),
  };
}
