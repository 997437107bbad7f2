/**
 * Auto-configuration of the ARI health indicator.
 */
package io.github.arispring.autoconfigure.health;
