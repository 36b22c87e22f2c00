/**
 * Node keys (X25519 for encryption, Ed25519 for signing) and sealed envelopes: public-key agreement
 * once per stream and recipient, AES-256-GCM for every message after that.
 */
package org.jmasq.crypto;
