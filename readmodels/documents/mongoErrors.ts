// The MongoDB server errors the document store answers by itself rather than passing on.
import { MongoServerError } from 'mongodb';

export const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;

export const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;
// A collection that is not there (never written, or dropped by another process).
export const isNamespaceNotFound = (error: unknown): boolean => error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND;
