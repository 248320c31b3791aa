export { zodDetails } from '../domain/shared/zodDetails.ts';
